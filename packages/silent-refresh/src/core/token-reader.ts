import type { ClockSkew } from './clock-skew'
import { decodeAccessToken, type DecodedAccessToken } from './decode-token'
import type { TokenStore } from './types'

export type Freshness = 'fresh' | 'expiring' | 'expired'

export interface CurrentToken {
  token: string
  decoded: DecodedAccessToken
  freshness: Freshness
}

/**
 * Reads the store's token with its expiry; an unusable token (malformed, no `exp`, `alg: none`) reads as none,
 * unless what it is was `remember`ed when it arrived (an opaque token or any JWT, read through the backend profile).
 */
export interface TokenReader {
  read(): CurrentToken | null
  /** What an answer said of `token` (its expiry from `expiresIn`, its user): used instead of decoding it. */
  remember(token: string, decoded: DecodedAccessToken): void
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
  let remembered: { token: string; decoded: DecodedAccessToken } | null = null
  return {
    remember(token, decoded) {
      remembered = { token, decoded }
    },
    read() {
      const token = store.get()
      if (token === null || token === '') return null
      if (token !== cachedToken) {
        cachedToken = token
        cachedDecoded = remembered?.token === token ? remembered.decoded : decodeAccessToken(token)
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
