import { AuthRequestError } from '../../auth'
import { describeRequestError } from '../../lib/describe-request-error'

/** Why a login or signup failed, in words: the two refusals only these forms meet, the rest as every form says it. */
export function describeAuthError(error: unknown): string {
  if (error instanceof AuthRequestError) {
    if (error.code === 'invalid_credentials') return 'That email and password do not match an account. Check them and try again.'
    if (error.code === 'email_taken') return 'An account with that email already exists. Log in instead, or use another email.'
  }
  return describeRequestError(error)
}
