import { AuthRequestError } from '../../auth'
import { classifyRequestError } from '../../lib/describe-request-error'

const seconds = (n: number) => `${n} ${n === 1 ? 'second' : 'seconds'}`

/** Why a login or signup failed, in words. */
export function describeAuthError(error: unknown): string {
  if (error instanceof AuthRequestError) {
    switch (error.code) {
      case 'invalid_credentials':
        return 'That email and password do not match an account. Check them and try again.'
      case 'email_taken':
        return 'An account with that email already exists. Log in instead, or use another email.'
      case 'too_many_attempts':
        return error.retryAfterSeconds !== null
          ? `Too many attempts. Try again in ${seconds(error.retryAfterSeconds)}.`
          : 'Too many attempts. Try again later.'
      case 'invalid_request':
        return `The server did not accept that: ${error.message}`
      case 'network_error':
        return "Can't reach the server. Try again in a moment."
    }
  }
  if (classifyRequestError(error) === 'unreachable') return "Can't reach the server. Try again in a moment."
  return 'Something went wrong. Try again.'
}
