import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { AuthClientOptions } from 'silent-refresh'
import { AuthProvider as ClientProvider } from 'silent-refresh/react'
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

  const [restoreError, setRestoreError] = useState<unknown>(null)
  // Not "no session" but "could not ask": stay on the splash and offer a retry.
  const watch = useCallback((restoring: Promise<boolean>) => {
    restoring.catch((error: unknown) => setRestoreError(error ?? new Error('restore failed')))
  }, [])
  const restore = useCallback(() => {
    setRestoreError(null)
    watch(client.restore())
  }, [client, watch])

  // A start-up that could not ask because the browser was offline asks again by itself once it is back online.
  useEffect(() => {
    if (restoreError === null) return
    return client.subscribe((now, before) => {
      if (now.online && !before.online) restore()
    })
  }, [client, restoreError, restore])

  // Refs survive StrictMode's simulated unmount, so the restore runs once per client. Started before React
  // (src/main.ts): the provider picks up that promise (one refresh per page load), never restores again.
  const restoreStarted = useRef(false)
  useEffect(() => {
    if (restoreStarted.current) return
    restoreStarted.current = true
    watch(early ? early.restored : client.restore())
  }, [client, early, watch])

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

  const restoreProblem = useMemo<RestoreProblem | null>(
    () => (restoreError === null ? null : { error: restoreError, retry: restore }),
    [restoreError, restore],
  )

  return (
    <ClientProvider client={client}>
      <RestoreProblemContext.Provider value={restoreProblem}>{children}</RestoreProblemContext.Provider>
      <StepUpDialog prompt={stepUp} />
    </ClientProvider>
  )
}
