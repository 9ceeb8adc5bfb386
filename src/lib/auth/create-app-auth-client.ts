import {
  createAuthClient,
  createBrowserTabCoordinator,
  createMemoryTokenStore,
  createDpopKeyStore,
  createDpopSigner,
  detectDpopSupport,
  type AuthClient,
  type AuthClientOptions,
  type DpopParts,
  type TokenStore,
} from 'silent-refresh'
import backend from '../../backend-profile'
import { refreshCounterOf } from '../../state/refresh-counts'
import { createStepUpPrompt, type StepUpPrompt } from './step-up-prompt'

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

/** The app's auth client and the store its access token lives in (`silent-refresh/recoil` mirrors it from there). */
export interface AppAuthClient {
  client: AuthClient
  store: TokenStore
  /** The step-up prompt the client's `onStepUp` opens; the "Confirm it's you" dialog renders it. */
  stepUp: StepUpPrompt
}

/**
 * The app's one auth client, however it is made (before React by the early restore, or by the provider in tests):
 * the app's backend profile (src/backend-profile.ts), the browser's tabs as its coordinator and DPoP with this
 * origin's key unless the options say otherwise (`coordinator: null` for none, `dpop: false` for Bearer); its
 * refreshes counted from the start (session inspector). Plain TypeScript (the page's first module uses it): the state
 * module's refresh counter is imported by its file.
 */
export function createAppAuthClient(options: AuthClientOptions): AppAuthClient {
  const store = options.store ?? createMemoryTokenStore()
  const stepUp = createStepUpPrompt()
  const client = createAuthClient({
    backend,
    onStepUp: stepUp.ask,
    ...options,
    store,
    coordinator: 'coordinator' in options ? options.coordinator : createBrowserTabCoordinator(),
    dpop: 'dpop' in options ? options.dpop : browserDpop(),
  })
  refreshCounterOf(client)
  return { client, store, stepUp }
}
