/**
 * `silent-refresh/react`: the session of an auth client in React 18 and 19, through `useSyncExternalStore`.
 * No state library: the client's snapshot is the state. (No JSX here, so the entry needs no JSX transform.)
 */
import { createContext, createElement, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react'
import { AuthError, type AuthClient, type SessionSnapshot } from 'silent-refresh'

const AuthClientContext = createContext<AuthClient | null>(null)

/**
 * The props of `AuthProvider`.
 *
 * @example
 * const props: AuthProviderProps = { client: createAuthClient({ baseURL: '/api' }), children: <App /> }
 */
export interface AuthProviderProps {
  /** The app's one auth client (`createAuthClient`); the provider neither creates nor disposes it. */
  client: AuthClient
  children?: ReactNode
}

/**
 * Gives `client` to the components below and, while mounted, lets it follow the app's other tabs
 * (`client.connectTabs()`) and wake-ups (`client.connectLifecycle()`). It does not restore the session: call
 * `client.restore()` where the app starts. One client per app: a nested provider with another client throws.
 *
 * @example
 * const client = createAuthClient({ baseURL: '/api' })
 * void client.restore()
 * createRoot(root).render(
 *   <AuthProvider client={client}>
 *     <App />
 *   </AuthProvider>,
 * )
 */
export function AuthProvider({ client, children }: AuthProviderProps) {
  const outer = useContext(AuthClientContext)
  if (outer && outer !== client) {
    throw new AuthError('conflicting_auth_provider', 'An <AuthProvider> is nested inside another with a different auth client: one app has one client (pass the same client, or remove the inner provider).')
  }
  if (!client || typeof client.subscribe !== 'function' || typeof client.getSnapshot !== 'function') {
    throw new AuthError('invalid_auth_client', '<AuthProvider client={…}> needs the auth client that createAuthClient() returns.')
  }
  const nested = outer === client
  // Side effects belong in effects: StrictMode's simulated unmount stops and starts them again.
  useEffect(() => (nested ? undefined : client.connectTabs()), [client, nested])
  useEffect(() => (nested ? undefined : client.connectLifecycle()), [client, nested])
  return createElement(AuthClientContext.Provider, { value: client }, children)
}

/**
 * The auth client of the nearest `AuthProvider`: its `http` is the axios instance for every API call.
 * Throws an `AuthError` (`code: 'missing_auth_provider'`) outside a provider.
 *
 * @example
 * function SignOut() {
 *   const client = useAuthClient()
 *   return <button onClick={() => void client.logout()}>Sign out</button>
 * }
 */
export function useAuthClient(): AuthClient {
  const client = useContext(AuthClientContext)
  if (!client) throw new AuthError('missing_auth_provider', 'useAuthClient() and useSession() need an <AuthProvider client={…}> above them.')
  return client
}

/**
 * The session now (`client.getSnapshot()`: status, user, expiry, online, …); the component renders again
 * whenever it changes. Throws an `AuthError` (`code: 'missing_auth_provider'`) outside an `AuthProvider`.
 *
 * @example
 * function Greeting() {
 *   const session = useSession()
 *   if (session.status === 'restoring') return <p>Loading…</p>
 *   return session.user ? <p>Hello {session.user.name}</p> : <a href="/login">Sign in</a>
 * }
 */
export function useSession(): SessionSnapshot {
  const client = useAuthClient()
  return useSyncExternalStore(client.subscribe, client.getSnapshot, client.getSnapshot)
}

/**
 * What `useRestore()` returns: why the start-up restore could not ask the server, and a way to ask again.
 *
 * @example
 * const { error, retry }: RestoreState = useRestore()
 */
export interface RestoreState {
  /**
   * Why the restore could not ask the server (a `RefreshUnavailableError`: a 5xx, no answer, an answer the profile
   * cannot read), `null` while it runs or once it has answered. The session's status stays `'restoring'` meanwhile:
   * there may well be a session, it just could not be asked for.
   */
  error: unknown
  /** Asks again (`client.restore()`), clearing `error`. */
  retry: () => void
}

/** The restore each client's `useRestore` started or adopted: one per client, whatever StrictMode and remounts do. */
const restores = new WeakMap<AuthClient, Promise<boolean>>()

/**
 * Starts the session's restore once per client (`client.restore()`; or adopts `started`, a restore the app began
 * earlier, so nothing is asked twice) and follows it. When it could not ask the server, `error` says why and `retry`
 * asks again; after a failure the browser coming back online asks again by itself. A restore that answered "no
 * session" is no error: the status is then `'anonymous'`. Inside an `AuthProvider`.
 *
 * @example
 * function App() {
 *   const session = useSession()
 *   const { error, retry } = useRestore()
 *   if (session.status === 'unknown' || session.status === 'restoring') {
 *     if (!error) return <p role="status">Loading…</p>
 *     return <p role="alert">Could not reach the server. <button onClick={retry}>Try again</button></p>
 *   }
 *   return session.user ? <p>Hello {session.user.name}</p> : <a href="/login">Sign in</a>
 * }
 */
export function useRestore(options: { started?: Promise<boolean> | undefined } = {}): RestoreState {
  const client = useAuthClient()
  const { started } = options
  const [failure, setFailure] = useState<{ error: unknown } | null>(null)
  const current = useRef<Promise<boolean> | null>(null)

  const follow = useCallback(
    (restore: Promise<boolean>) => {
      restores.set(client, restore)
      current.current = restore
      restore.catch((error: unknown) => {
        if (current.current === restore) setFailure({ error: error ?? new Error('The restore failed') })
      })
    },
    [client],
  )

  // Started in an effect (StrictMode runs it twice: the second finds the first's promise), once per client.
  useEffect(() => follow(restores.get(client) ?? started ?? client.restore()), [client, started, follow])

  const retry = useCallback(() => {
    setFailure(null)
    follow(client.restore())
  }, [client, follow])

  // Could not ask because the browser was offline (or the server away): ask again once it is back online.
  const failed = failure !== null
  useEffect(() => {
    if (!failed) return
    return client.subscribe((now, before) => {
      if (now.online && !before.online) retry()
    })
  }, [client, failed, retry])

  return { error: failure?.error ?? null, retry }
}
