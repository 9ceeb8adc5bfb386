import { useMemo } from 'react'
import type { Credentials, LogoutResult, SignupInput, User } from 'silent-refresh'
import { useAuthClient } from 'silent-refresh/react'

export interface AuthActions {
  login(credentials: Credentials): Promise<User>
  signup(input: SignupInput): Promise<User>
  /** `serverConfirmed: false`: signed out here, the server not told yet (the client finishes it when it can). */
  logout(): Promise<LogoutResult>
}

/** Login, signup and logout through the app's client; the session status follows from the client's snapshot. */
export function useAuthActions(): AuthActions {
  const client = useAuthClient()
  return useMemo(
    () => ({
      login: (credentials) => client.login(credentials),
      signup: (input) => client.signup(input),
      logout: () => client.logout(),
    }),
    [client],
  )
}
