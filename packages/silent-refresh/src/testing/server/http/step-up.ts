import type { MockState } from '../core/runtime'
import type { AccessClaims } from '../core/tokens'
import { ApiError } from './api-error'
import { authorization } from './authenticate'

const quoted = (text: string) => text.replace(/["\\]/g, "'")

/**
 * RFC 9470 §3: a sensitive endpoint needs the person to have proved it was them within `stepUpMaxAgeMs` (the access
 * token's `auth_time` on the mock clock), else 401 `insufficient_user_authentication` with `max_age` (seconds), in
 * the scheme the token came in (`DPoP` for a bound token). Goes right after `authenticate()`, before anything is
 * looked up or changed.
 */
export function requireRecentAuth(request: Request, claims: AccessClaims, state: MockState, now: number): void {
  const maxAgeMs = state.config.stepUpMaxAgeMs
  const authTimeMs = (claims.auth_time ?? claims.iat) * 1000
  if (now - authTimeMs <= maxAgeMs) return
  state.stats.stepUpChallenges++
  const maxAge = Math.floor(maxAgeMs / 1000)
  const description = `This action needs you to have signed in within the last ${maxAge} seconds: reauthenticate first`
  const scheme = authorization(request)?.scheme === 'DPoP' ? 'DPoP algs="ES256", ' : 'Bearer realm="api", '
  const challenge = `${scheme}error="insufficient_user_authentication", error_description="${quoted(description)}", max_age=${maxAge}`
  throw new ApiError(401, 'insufficient_user_authentication', description, { 'WWW-Authenticate': challenge })
}
