import { AuthProvider, type AuthProviderProps } from '../lib/auth'
import { StateRoot } from '../state'

/** State and auth for one app instance: a fresh pair per page load and per test. */
export function AppProviders({ children, ...auth }: AuthProviderProps) {
  return (
    <StateRoot>
      <AuthProvider {...auth}>{children}</AuthProvider>
    </StateRoot>
  )
}
