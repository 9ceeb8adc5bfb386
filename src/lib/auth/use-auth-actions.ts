import { useMemo } from 'react'
import type { Credentials, SignupInput, User } from '../../auth/types'
import { useSessionDispatch } from '../../state'
import { useAuthClient } from './auth-client-context'

export interface AuthActions {
  login(credentials: Credentials): Promise<User>
  signup(input: SignupInput): Promise<User>
  logout(): Promise<void>
}

/** Login, signup and logout through the app's client, with the session status following each. */
export function useAuthActions(): AuthActions {
  const client = useAuthClient()
  const dispatch = useSessionDispatch()
  return useMemo(
    () => ({
      login: async (credentials) => {
        const user = await client.login(credentials)
        dispatch({ type: 'signed-in' })
        return user
      },
      signup: async (input) => {
        const user = await client.signup(input)
        dispatch({ type: 'signed-in' })
        return user
      },
      logout: async () => {
        try {
          await client.logout()
        } finally {
          dispatch({ type: 'signed-out' })
        }
      },
    }),
    [client, dispatch],
  )
}
