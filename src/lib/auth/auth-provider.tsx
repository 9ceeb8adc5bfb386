import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import {
  createAuthClient,
  createBrowserTabCoordinator,
  createDpopKeyStore,
  createDpopSigner,
  detectDpopSupport,
  type AuthClientOptions,
  type DpopParts,
} from '../../auth'
import { useAuthBinding } from '../../state'
import { AuthClientContext, RestoreProblemContext, type RestoreProblem } from './auth-client-context'

export interface AuthProviderProps {
  children: ReactNode
  /** The API root. */
  baseURL?: string
  /**
   * Extra client options (tests: a clock, a margin, a `coordinator` of fake tabs, or `coordinator: null` for none).
   * The store and the callbacks are the provider's. The coordinator defaults to the browser's own tabs,
   * and `dpop` to this origin's key in IndexedDB where WebCrypto and IndexedDB exist (else Bearer).
   */
  clientOptions?: Omit<AuthClientOptions, 'baseURL' | 'store' | 'onSessionEnd' | 'onEvent'>
}

/** DPoP on by default: the origin's non-extractable key, kept in IndexedDB; Bearer where the browser cannot. */
function browserDpop(): DpopParts | false {
  return detectDpopSupport().supported ? { keys: createDpopKeyStore(), signer: createDpopSigner() } : false
}

/**
 * Makes one auth client for the app, bound to Recoil state, and restores the session once at start-up.
 * It shares the session with the app's other tabs (their logins, logouts and tokens reach this state).
 * The session status says what happened; routes and components react to it.
 */
export function AuthProvider({ children, baseURL = '/api', clientOptions }: AuthProviderProps) {
  const { store, mirror, recordEvent } = useAuthBinding()
  const [client] = useState(() =>
    createAuthClient({
      ...clientOptions,
      coordinator: clientOptions && 'coordinator' in clientOptions ? clientOptions.coordinator : createBrowserTabCoordinator(),
      dpop: clientOptions && 'dpop' in clientOptions ? clientOptions.dpop : browserDpop(),
      baseURL,
      store,
      onEvent: recordEvent,
    }),
  )
  // The session's status and user come from the client alone; Recoil mirrors them.
  useEffect(() => {
    mirror(client.getSnapshot())
    return client.subscribe(mirror)
  }, [client, mirror])

  // Listening to the other tabs is a side effect: here, not in the initializer above (StrictMode runs that twice).
  useEffect(() => client.connectTabs(), [client])
  // Waking up (visible again, back/forward cache, online, after a sleep) checks the session at once.
  useEffect(() => client.connectLifecycle(), [client])

  const [restoreError, setRestoreError] = useState<unknown>(null)
  const restore = useCallback(() => {
    setRestoreError(null)
    // Not "no session" but "could not ask": stay on the splash and offer a retry.
    client.restore().catch((error: unknown) => setRestoreError(error ?? new Error('restore failed')))
  }, [client])

  // Refs survive StrictMode's simulated unmount, so the restore runs once per client.
  const restoreStarted = useRef(false)
  useEffect(() => {
    if (restoreStarted.current) return
    restoreStarted.current = true
    restore()
  }, [restore])

  // StrictMode unmounts and remounts at once; dispose only when the provider stays unmounted.
  const mounted = useRef(false)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      setTimeout(() => {
        if (!mounted.current) client.dispose()
      }, 0)
    }
  }, [client])

  const restoreProblem = useMemo<RestoreProblem | null>(
    () => (restoreError === null ? null : { error: restoreError, retry: restore }),
    [restoreError, restore],
  )

  return (
    <AuthClientContext.Provider value={client}>
      <RestoreProblemContext.Provider value={restoreProblem}>{children}</RestoreProblemContext.Provider>
    </AuthClientContext.Provider>
  )
}
