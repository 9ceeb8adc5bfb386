/**
 * `silent-refresh/react`: the session of an auth client in React 18 and 19, through `useSyncExternalStore`.
 * No state library: the client's snapshot is the state. (No JSX here, so the entry needs no JSX transform.)
 */
import { createContext, createElement, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react'
import { AuthError, type AuthClient, type SessionSnapshot } from 'silent-refresh'

const AuthClientContext = createContext<AuthClient | null>(null)

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
