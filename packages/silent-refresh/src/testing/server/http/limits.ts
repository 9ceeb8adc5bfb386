import { CLIENT_LIMIT, EMAIL_LIMIT, emailKey, type Database } from '../core/database'
import { sha256Hex } from '../core/encoding'
import { ApiError } from './api-error'

/** The limiter's key for an email: its hash, so that long emails cost the limiter no more than short ones. */
export const emailLimitKey = (email: string): Promise<string> => sha256Hex(emailKey(email))

function tooMany(retryAfter: number, what: string): ApiError {
  return new ApiError(429, 'too_many_attempts', `Too many ${what}; retry in ${retryAfter} seconds`, { 'Retry-After': String(retryAfter) })
}

/** 429 once the client address has 20 failed logins or refused signups within 15 minutes. */
export function checkClientLimit(db: Database, clientAddress: string, now: number): void {
  const retryAfter = db.clientFailures.retryAfterSeconds(clientAddress, now)
  if (retryAfter !== undefined) throw tooMany(retryAfter, `failed attempts from this client (${CLIENT_LIMIT.max} within 15 minutes)`)
}

/** 429 once the email has 5 failed logins within 15 minutes, even for the right password. */
export function checkEmailLimit(db: Database, emailId: string, now: number): void {
  const retryAfter = db.loginFailures.retryAfterSeconds(emailId, now)
  if (retryAfter !== undefined) throw tooMany(retryAfter, `failed logins for this email (${EMAIL_LIMIT.max} within 15 minutes)`)
}
