import {
  createAuthClient,
  createBrowserTabCoordinator,
  createDpopKeyStore,
  createDpopSigner,
  detectDpopSupport,
  type AuthClient,
  type AuthClientOptions,
  type DpopParts,
} from 'silent-refresh'
import backend from '../../backend-profile'

/**
 * DPoP on by default: the origin's non-extractable key, kept in IndexedDB; Bearer where the browser cannot. The
 * server's last nonce (no secret) is kept in `localStorage`, so a reload's or a new tab's refresh needs no nonce challenge.
 */
export function browserDpop(): DpopParts | false {
  if (!detectDpopSupport().supported) return false
  return { keys: createDpopKeyStore(), signer: createDpopSigner({ nonceStorage: originStorage() }) }
}

function originStorage(): Storage | undefined {
  try {
    return globalThis.localStorage
  } catch {
    return undefined
  }
}

/**
 * The app's one auth client, however it is made (before React by the early restore, or by the provider in tests):
 * the app's backend profile (src/backend-profile.ts), the browser's tabs as its coordinator and DPoP with this
 * origin's key unless the options say otherwise (`coordinator: null` for none, `dpop: false` for Bearer).
 */
export function createAppAuthClient(options: AuthClientOptions): AuthClient {
  return createAuthClient({
    backend,
    ...options,
    coordinator: 'coordinator' in options ? options.coordinator : createBrowserTabCoordinator(),
    dpop: 'dpop' in options ? options.dpop : browserDpop(),
  })
}
