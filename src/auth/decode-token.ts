import { decodeJwt, decodeProtectedHeader } from 'jose'
import type { TokenUser } from './types'

/** What the client reads from an access token's claims. Times in milliseconds, server clock. */
export interface DecodedAccessToken {
  user: TokenUser
  expiresAt: number
  issuedAt: number
}

/**
 * Reads an access token's claims without verifying its signature (only the server can).
 * Returns `null` for anything the client must not use as an access token: malformed,
 * `alg: none` or no `alg`, `typ` other than `access`, missing `exp`, `iat` or `sub`.
 *
 * @example
 * const decoded = decodeAccessToken(token)
 * if (decoded) console.log(decoded.user.name, new Date(decoded.expiresAt))
 */
export function decodeAccessToken(token: string): DecodedAccessToken | null {
  try {
    const header = decodeProtectedHeader(token)
    if (typeof header.alg !== 'string' || header.alg.toLowerCase() === 'none') return null
    const claims = decodeJwt(token)
    const { sub, exp, iat, typ, email, name } = claims
    if (typ !== 'access') return null
    if (typeof sub !== 'string' || typeof exp !== 'number' || typeof iat !== 'number') return null
    if (!Number.isFinite(exp) || !Number.isFinite(iat) || exp <= iat) return null
    return {
      user: { id: sub, email: typeof email === 'string' ? email : '', name: typeof name === 'string' ? name : '' },
      expiresAt: exp * 1000,
      issuedAt: iat * 1000,
    }
  } catch {
    return null
  }
}
