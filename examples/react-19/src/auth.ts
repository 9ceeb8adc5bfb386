import { createAuthClient, type AuthClientOptions } from 'silent-refresh'

/**
 * The app's one auth client: the API is on this origin under /api (the contract's paths). Tests pass extra
 * options (a clock, the fake tabs' coordinator); the app itself passes none.
 */
export function createAppClient(options: Partial<AuthClientOptions> = {}) {
  return createAuthClient({ baseURL: '/api', ...options })
}
