import { ttlSeconds } from './config'
import type { UserRecord } from './database'
import { sha256Hex } from './encoding'
import type { MockState } from './runtime'
import { signToken } from './tokens'

export interface NewRefreshId {
  jti: string
  jtiHash: string
}

/** Done before a request's synchronous check-and-write, so no await splits it. */
export async function newRefreshId(): Promise<NewRefreshId> {
  const jti = crypto.randomUUID()
  return { jti, jtiHash: await sha256Hex(jti) }
}

export interface IssuedTokens {
  accessToken: string
  refreshToken: string
  /** Seconds left in the family: the cookie's Max-Age. */
  refreshMaxAge: number
}

/** Signs an access token and the refresh token whose record the caller has already stored. */
export async function signTokens(
  state: MockState,
  user: UserRecord,
  refresh: { jti: string; familyId: string; expiresAt: number },
  nowSeconds: number,
): Promise<IssuedTokens> {
  const [accessToken, refreshToken] = await Promise.all([
    signToken(state.keys, {
      sub: user.id,
      email: user.email,
      name: user.name,
      iat: nowSeconds,
      exp: nowSeconds + ttlSeconds(state.config.accessTtlMs),
      jti: crypto.randomUUID(),
      typ: 'access',
    }),
    signToken(state.keys, { sub: user.id, jti: refresh.jti, fam: refresh.familyId, iat: nowSeconds, exp: refresh.expiresAt, typ: 'refresh' }),
  ])
  return { accessToken, refreshToken, refreshMaxAge: refresh.expiresAt - nowSeconds }
}

/** A new family for a login or signup: stores the first refresh token's hash, then signs both tokens. */
export async function startSession(state: MockState, user: UserRecord, nowSeconds: number): Promise<IssuedTokens> {
  const id = await newRefreshId()
  const familyId = crypto.randomUUID()
  const expiresAt = nowSeconds + ttlSeconds(state.config.refreshTtlMs)
  state.db.addRefreshToken({ jtiHash: id.jtiHash, familyId, userId: user.id, status: 'active', expiresAt })
  return signTokens(state, user, { jti: id.jti, familyId, expiresAt }, nowSeconds)
}
