import { decodeJwt, decodeProtectedHeader } from 'jose'
import type { TokenUser } from './types'

/** What the client reads from an access token's claims. Times in milliseconds, server clock. */
export interface DecodedAccessToken {
  user: TokenUser
  expiresAt: number
  issuedAt: number
  /** The RFC 7638 thumbprint of the DPoP key the token is bound to (`cnf.jkt`), `null` for a Bearer token. */
  boundKey: string | null
}

function boundKeyOf(cnf: unknown): string | null {
  if (typeof cnf !== 'object' || cnf === null) return null
  const { jkt } = cnf as { jkt?: unknown }
  return typeof jkt === 'string' && jkt !== '' ? jkt : null
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
    const { sub, exp, iat, typ, email, name, cnf } = claims
    if (typ !== 'access') return null
    if (typeof sub !== 'string' || typeof exp !== 'number' || typeof iat !== 'number') return null
    if (!Number.isFinite(exp) || !Number.isFinite(iat) || exp <= iat) return null
    return {
      user: { id: sub, email: typeof email === 'string' ? email : '', name: typeof name === 'string' ? name : '' },
      expiresAt: exp * 1000,
      issuedAt: iat * 1000,
      boundKey: boundKeyOf(cnf),
    }
  } catch {
    return null
  }
}
