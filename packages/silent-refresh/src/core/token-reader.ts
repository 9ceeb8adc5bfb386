import type { ClockSkew } from './clock-skew'
import { decodeAccessToken, type DecodedAccessToken } from './decode-token'
import type { TokenStore } from './types'

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
export function createTokenReader(store: TokenStore, skew: ClockSkew, marginMs: number): TokenReader {
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
      const serverNow = skew.serverNow()
      const freshness: Freshness =
        serverNow < refreshFrom ? 'fresh' : serverNow < cachedDecoded.expiresAt ? 'expiring' : 'expired'
      return { token, decoded: cachedDecoded, freshness }
    },
  }
}
