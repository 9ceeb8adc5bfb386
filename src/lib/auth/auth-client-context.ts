import { createContext, useContext } from 'react'
import type { AuthClient } from 'silent-refresh'

export const AuthClientContext = createContext<AuthClient | null>(null)

/** The start-up restore when it could not reach the server (the session may well exist). */
export interface RestoreProblem {
  error: unknown
  retry(): void
}

export const RestoreProblemContext = createContext<RestoreProblem | null>(null)

/** The app's auth client (its `http` is the axios instance for every API call). */
export function useAuthClient(): AuthClient {
  const client = useContext(AuthClientContext)
  if (!client) throw new Error('useAuthClient() needs an <AuthProvider> above it')
  return client
}

/** Set while the start-up restore failed for a reason other than "no session". */
export function useRestoreProblem(): RestoreProblem | null {
  return useContext(RestoreProblemContext)
}
