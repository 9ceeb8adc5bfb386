import { DpopError } from '../core/dpop'
import type { FamilyRecord, UserRecord } from '../core/database'
import type { MockState } from '../core/runtime'
import { isFamilyLive } from '../core/sessions'
import { InvalidTokenError, presentedJwt, verifyToken, type AccessClaims } from '../core/tokens'
import { ApiError, type DpopRefusal } from './api-error'
import { checkProof, dpopHeader } from './dpop'
import { bearerChallenge, dpopChallenge } from './www-authenticate'

export type AuthScheme = 'Bearer' | 'DPoP'

/** A 401 `invalid_token` with the challenge of the scheme the client should use. */
export function invalidToken(description: string, scheme: AuthScheme = 'Bearer', dpop?: DpopRefusal): ApiError {
  const challenge = scheme === 'DPoP' ? dpopChallenge({ code: 'invalid_token', description }) : bearerChallenge({ code: 'invalid_token', description })
  return new ApiError(401, 'invalid_token', description, { 'WWW-Authenticate': challenge }, dpop)
}

/** `Authorization: Bearer|DPoP <token>`; undefined when the request carries neither scheme. */
export function authorization(request: Request): { scheme: AuthScheme; token: string } | undefined {
  const match = /^(Bearer|DPoP)(?:\s+(.*))?$/i.exec(request.headers.get('authorization')?.trim() ?? '')
  if (!match) return undefined
  return { scheme: match[1]!.toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer', token: match[2]?.trim() ?? '' }
}

async function verifiedClaims(token: string, scheme: AuthScheme, state: MockState, now: number): Promise<AccessClaims> {
  if (token === '' || /\s/.test(token)) throw invalidToken('The Authorization header holds no single token', scheme)
  try {
    return await verifyToken(state.keys, presentedJwt(token), 'access', { nowSeconds: Math.floor(now / 1000) })
  } catch (error) {
    if (error instanceof InvalidTokenError) throw invalidToken(error.message, scheme)
    throw error
  }
}

/** RFC 9449 §7: a bound token needs `Authorization: DPoP` and a proof of the same key hashing this token. */
async function checkBinding(request: Request, state: MockState, now: number, claims: AccessClaims, scheme: AuthScheme, token: string) {
  const bound = claims.cnf?.jkt
  const mode = state.config.dpop
  if (bound === undefined) {
    if (scheme === 'DPoP') throw invalidToken('The access token is not bound to a DPoP key; send it as Bearer', 'DPoP', 'rejected')
    if (mode === 'required') throw invalidToken('This server requires DPoP-bound access tokens', 'DPoP', 'rejected')
    return // optional: a proof sent with a Bearer token is ignored
  }
  if (mode === 'off') throw invalidToken('DPoP is off on this server; a DPoP-bound token cannot be checked', 'Bearer', 'rejected')
  if (scheme === 'Bearer') throw invalidToken('The access token is DPoP-bound; send it as Authorization: DPoP with a proof', 'DPoP', 'rejected')
  if (dpopHeader(request) === undefined) throw invalidToken('The DPoP-bound access token came without a DPoP proof', 'DPoP', 'rejected')
  let jkt: string
  try {
    jkt = await checkProof(request, state, now, token)
  } catch (error) {
    if (!(error instanceof DpopError)) throw error
    if (error.code === 'use_dpop_nonce') {
      throw new ApiError(401, 'use_dpop_nonce', error.message, { 'WWW-Authenticate': dpopChallenge({ code: 'use_dpop_nonce', description: error.message }) }, 'challenge')
    }
    throw new ApiError(401, 'invalid_dpop_proof', error.message, { 'WWW-Authenticate': dpopChallenge({ code: 'invalid_dpop_proof', description: error.message }) }, 'rejected')
  }
  if (jkt !== bound) throw invalidToken('The DPoP proof is signed by another key than the one the token is bound to', 'DPoP', 'rejected')
}

/** The signed-in user of an API request, or a 401 with the RFC 6750 / RFC 9449 challenge. */
export async function authenticate(
  request: Request,
  state: MockState,
  now: number,
): Promise<{ claims: AccessClaims; user: UserRecord; family: FamilyRecord }> {
  const presented = authorization(request)
  if (presented === undefined) {
    const challenge = state.config.dpop === 'required' ? dpopChallenge() : bearerChallenge()
    throw new ApiError(401, 'unauthorized', 'This endpoint needs an Authorization: Bearer (or DPoP) access token', { 'WWW-Authenticate': challenge })
  }
  const { scheme, token } = presented
  if (scheme === 'DPoP' && state.config.dpop === 'off') throw invalidToken('DPoP is off on this server', 'Bearer')
  const claims = await verifiedClaims(token, scheme, state, now)
  const family = state.db.findFamily(claims.sid)
  if (!family || !isFamilyLive(family, state.config, now)) throw invalidToken('The session of this access token has ended', scheme)
  const user = state.db.findUser(claims.sub)
  if (!user || family.userId !== user.id) throw invalidToken('The access token names an unknown user', scheme)
  await checkBinding(request, state, now, claims, scheme, token)
  family.lastUsedAt = now
  return { claims, user, family }
}
