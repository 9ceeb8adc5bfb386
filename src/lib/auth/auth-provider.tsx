import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { AuthClientOptions } from 'silent-refresh'
import { AuthProvider as ClientProvider, useRestore } from 'silent-refresh/react'
import { recoilAuthState } from 'silent-refresh/recoil'
import { RestoreProblemContext, type RestoreProblem } from './auth-client-context'
import { createAppAuthClient } from './create-app-auth-client'
import type { EarlyRestore } from './early-restore'
import { StepUpDialog } from './step-up-dialog'

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
  /**
   * The client made before React by the page's first module, its restore already running (`startEarlyRestore`):
   * the provider adopts it and its restore's promise instead of making a client and restoring.
   */
  early?: EarlyRestore
}

/**
 * Makes one auth client for the app (or adopts the early one), mirrored into Recoil by `silent-refresh/recoil`, and
 * restores the session once at start-up. Through `silent-refresh/react`'s provider it shares the session with the
 * app's other tabs and checks it on wake-ups. The session status says what happened; routes and components react to it.
 */
export function AuthProvider({ children, baseURL = '/api', clientOptions, early }: AuthProviderProps) {
  const [{ client, store, stepUp }] = useState(() => early ?? createAppAuthClient({ ...clientOptions, baseURL }))
  // The one path from the client to Recoil: atoms that follow the client once a component reads them.
  recoilAuthState(client, store)

  // StrictMode unmounts and remounts at once; dispose only when the provider stays unmounted.
  const mounted = useRef(false)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      setTimeout(() => {
        if (!mounted.current && !early) client.dispose()
      }, 0)
    }
  }, [client, early])

  return (
    <ClientProvider client={client}>
      <RestoreOnce started={early?.restored}>{children}</RestoreOnce>
      <StepUpDialog prompt={stepUp} />
    </ClientProvider>
  )
}

/**
 * Restores the session once per client (`useRestore`: the early restore's promise when the page's first module began
 * it, one refresh per page load) and tells the pages when it could not ask: they stay on the splash and offer a retry,
 * and back online it asks again by itself.
 */
function RestoreOnce({ started, children }: { started: Promise<boolean> | undefined; children: ReactNode }) {
  const { error, retry } = useRestore({ started })
  const problem = useMemo<RestoreProblem | null>(() => (error === null ? null : { error, retry }), [error, retry])
  return <RestoreProblemContext.Provider value={problem}>{children}</RestoreProblemContext.Provider>
}
