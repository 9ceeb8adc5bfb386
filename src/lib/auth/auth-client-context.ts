import { createContext, useContext } from 'react'

/** The start-up restore when it could not reach the server (the session may well exist). */
export interface RestoreProblem {
  error: unknown
  retry(): void
}

export const RestoreProblemContext = createContext<RestoreProblem | null>(null)

/** Set while the start-up restore failed for a reason other than "no session". */
export function useRestoreProblem(): RestoreProblem | null {
  return useContext(RestoreProblemContext)
}
