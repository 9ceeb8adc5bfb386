import { toEpochSeconds } from './clock'
import { ttlSeconds, type MockConfig } from './config'
import type { FamilyRecord, UserRecord } from './database'
import { bytesToHex, sha256Hex } from './encoding'
import type { MockState } from './runtime'
import { signToken, type TokenKeys } from './tokens'

export interface NewRefreshId {
  /** What the database keeps to sign the same token again: the `jti` is derived from it with the signing key. */
  seed: string
  jti: string
  jtiHash: string
}

/** A refresh token's `jti`: HMAC of its seed under the signing key, so the database holds no token id in the clear. */
async function refreshJti(keys: TokenKeys, seed: string): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.sign('HMAC', keys.key, new TextEncoder().encode(`refresh-jti:${seed}`))))
}

/** Done before a request's synchronous check-and-write, so no await splits it. */
export async function newRefreshId(keys: TokenKeys): Promise<NewRefreshId> {
  const seed = crypto.randomUUID()
  const jti = await refreshJti(keys, seed)
  return { seed, jti, jtiHash: await sha256Hex(jti) }
}

/** What login, signup and refresh answer, beside the cookie. */
export interface IssuedTokens {
  accessToken: string
  refreshToken: string
  /** Whole seconds until the session's earlier end: the cookie's Max-Age. */
  refreshMaxAge: number
  /** ISO time (mock clock) at which the login ends if nothing else happens. */
  sessionExpiresAt: string
  tokenType: 'DPoP' | 'Bearer'
}

/** Epoch ms at which the family ends: its absolute end or, with an idle lifetime, the idle end, whichever is earlier. */
export function sessionEnd(family: FamilyRecord, config: MockConfig): number {
  const absolute = family.expiresAt * 1000
  return config.idleTtlMs === null ? absolute : Math.min(absolute, family.lastRefreshAt + config.idleTtlMs)
}

/** Whether the family can still be used at `now`; a family found past its end is marked `ended` for good. */
export function isFamilyLive(family: FamilyRecord, config: MockConfig, now: number): boolean {
  if (family.status === 'active' && now >= sessionEnd(family, config)) family.status = 'ended'
  return family.status === 'active'
}

/** Signs a fresh access token and the family's current refresh token (the same value each time it is signed). */
export async function issueTokens(state: MockState, user: UserRecord, family: FamilyRecord, now: number): Promise<IssuedTokens> {
  const nowSeconds = toEpochSeconds(now)
  const refreshId = await refreshJti(state.keys, family.current.seed)
  const [accessToken, refreshToken] = await Promise.all([
    signToken(state.keys, {
      sub: user.id,
      email: user.email,
      name: user.name,
      iat: nowSeconds,
      exp: nowSeconds + ttlSeconds(state.config.accessTtlMs),
      jti: crypto.randomUUID(),
      typ: 'access',
      sid: family.id,
      // Kept across refreshes (the same login), renewed by reauthenticate.
      auth_time: toEpochSeconds(family.authTime ?? family.startedAt ?? family.lastRefreshAt),
      ...(family.jkt === undefined ? {} : { cnf: { jkt: family.jkt } }),
    }),
    signToken(state.keys, { sub: user.id, jti: refreshId, fam: family.id, iat: family.current.iat, exp: family.expiresAt, typ: 'refresh' }),
  ])
  const end = sessionEnd(family, state.config)
  return {
    accessToken,
    refreshToken,
    refreshMaxAge: Math.max(0, Math.ceil((end - now) / 1000)),
    sessionExpiresAt: new Date(end).toISOString(),
    tokenType: family.jkt === undefined ? 'Bearer' : 'DPoP',
  }
}

/** Replaces the family's current refresh token by `next` (synchronous: call it inside the check-and-write). */
export function rotateFamily(state: MockState, family: FamilyRecord, next: NewRefreshId, now: number): void {
  const replaced = state.db.findRefreshToken(family.current.jtiHash)
  if (replaced) replaced.status = 'used'
  family.previous = { jtiHash: family.current.jtiHash, rotatedAt: now }
  family.current = { seed: next.seed, jtiHash: next.jtiHash, iat: toEpochSeconds(now) }
  family.lastRefreshAt = now
  family.lastUsedAt = now
  state.db.addRefreshToken({ jtiHash: next.jtiHash, familyId: family.id, userId: family.userId, status: 'active', expiresAt: family.expiresAt })
}

const MAX_USER_AGENT = 512

/** A new family for a login or signup, bound to a DPoP key when `jkt` is given; `userAgent` labels it in the devices list. */
export async function startSession(state: MockState, user: UserRecord, now: number, jkt?: string, userAgent?: string | null): Promise<IssuedTokens> {
  const id = await newRefreshId(state.keys)
  const nowSeconds = toEpochSeconds(now)
  const family: FamilyRecord = {
    id: crypto.randomUUID(),
    userId: user.id,
    status: 'active',
    expiresAt: nowSeconds + ttlSeconds(state.config.refreshTtlMs),
    lastRefreshAt: now,
    startedAt: now,
    lastUsedAt: now,
    authTime: now,
    ...(userAgent ? { userAgent: userAgent.slice(0, MAX_USER_AGENT) } : {}),
    ...(jkt === undefined ? {} : { jkt }),
    current: { seed: id.seed, jtiHash: id.jtiHash, iat: nowSeconds },
  }
  state.db.addFamily(family)
  state.db.addRefreshToken({ jtiHash: id.jtiHash, familyId: family.id, userId: user.id, status: 'active', expiresAt: family.expiresAt })
  return issueTokens(state, user, family, now)
}
