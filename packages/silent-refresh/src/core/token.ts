import { decodeJwt, decodeProtectedHeader } from 'jose'
import type { TokenStore, TokenUser } from './types'

/**
 * The access token as the client reads it: its claims (decoded, never verified: only the server can) and its
 * freshness on the server's clock. The token itself lives only in the `TokenStore`.
 */

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

export type Freshness = 'fresh' | 'expiring' | 'expired'

export interface CurrentToken {
  token: string
  decoded: DecodedAccessToken
  freshness: Freshness
}

/** Reads the store's token with its expiry; an unusable token (malformed, no `exp`, `alg: none`) reads as none. */
export interface TokenReader {
  read(): CurrentToken | null
}

/**
 * Decodes each token string once (a one-entry cache: the store holds one token at a time), so a
 * request with a valid token costs a store read, a string compare and two number compares.
 * The margin is capped at a third of the token's lifetime so that short-lived tokens still get used.
 */
export function createTokenReader(store: TokenStore, serverNow: () => number, marginMs: number): TokenReader {
  let cachedToken: string | null = null
  let cachedDecoded: DecodedAccessToken | null = null
  let refreshFrom = 0
  return {
    read() {
      const token = store.get()
      if (token === null || token === '') return null
      if (token !== cachedToken) {
        cachedToken = token
        cachedDecoded = decodeAccessToken(token)
        if (cachedDecoded) {
          const lifetime = cachedDecoded.expiresAt - cachedDecoded.issuedAt
          refreshFrom = cachedDecoded.expiresAt - Math.min(marginMs, lifetime / 3)
        }
      }
      if (cachedDecoded === null) return null
      const at = serverNow()
      const freshness: Freshness = at < refreshFrom ? 'fresh' : at < cachedDecoded.expiresAt ? 'expiring' : 'expired'
      return { token, decoded: cachedDecoded, freshness }
    },
  }
}

/**
 * A token store in a closure: the default when no `store` is given (tests, benchmarks).
 *
 * @example
 * const client = createAuthClient({ baseURL: '/api', store: createMemoryTokenStore() })
 */
export function createMemoryTokenStore(initial: string | null = null): TokenStore {
  let token = initial
  return {
    get: () => token,
    set: (next) => {
      token = next
    },
  }
}
