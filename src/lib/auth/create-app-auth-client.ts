import { createAuthClient, createBrowserTabCoordinator, type AuthClient, type AuthClientOptions } from '../../auth'

/**
 * The app's one auth client, however it is made (before React by the early restore, or by the provider in tests):
 * the browser's tabs as its coordinator unless the options say otherwise (`coordinator: null` for none).
 */
export function createAppAuthClient(options: AuthClientOptions): AuthClient {
  return createAuthClient({
    ...options,
    coordinator: 'coordinator' in options ? options.coordinator : createBrowserTabCoordinator(),
  })
}
