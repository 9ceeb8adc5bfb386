import { isAxiosError } from 'axios'
import { NotAuthenticatedError, RefreshUnavailableError, SessionExpiredError } from '../auth'

export type RequestProblem = 'unreachable' | 'session-ended' | 'other'

/** What went wrong with an API call, as far as the person using the app needs to know. */
export function classifyRequestError(error: unknown): RequestProblem {
  if (error instanceof SessionExpiredError || error instanceof NotAuthenticatedError) return 'session-ended'
  if (error instanceof RefreshUnavailableError) return 'unreachable'
  if (isAxiosError(error) && !error.response) return 'unreachable'
  return 'other'
}

export function describeRequestError(error: unknown): string {
  switch (classifyRequestError(error)) {
    case 'unreachable':
      return "Can't reach the server."
    case 'session-ended':
      return 'Your session has ended — please log in again'
    case 'other':
      return 'Something went wrong.'
  }
}
