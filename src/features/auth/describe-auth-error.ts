import { AuthRequestError } from 'silent-refresh'
import { en, type Messages } from '../../i18n'
import { describeRequestError } from '../../lib/describe-request-error'

/** Why a login or signup failed, in words: the two refusals only these forms meet, the rest as every form says it. */
export function describeAuthError(error: unknown, t: Messages = en): string {
  if (error instanceof AuthRequestError) {
    if (error.code === 'invalid_credentials') return t.errors.invalidCredentials
    if (error.code === 'email_taken') return t.errors.emailTaken
  }
  return describeRequestError(error, undefined, t)
}
