import { DpopError } from '../../core/dpop'
import { sha256Hex } from '../../core/encoding'
import type { MockState } from '../../core/runtime'
import { ttlSeconds } from '../../core/config'
import { isFamilyLive, issueTokens, newRefreshId, rotateFamily } from '../../core/sessions'
import { InvalidTokenError, presentedJwt, verifyToken, type RefreshClaims } from '../../core/tokens'
import { ApiError } from '../../http/api-error'
import { authorization } from '../../http/authenticate'
import { contractDialect } from '../../http/dialect'
import { authRoute } from '../../http/routes'
import { authProofRefusal, checkProof, dpopHeader } from '../../http/dpop'
import { refreshRefused } from '../../http/refresh-refusal'
import { json } from '../../http/responses'
import type { HandlerDeps } from '../deps'

async function verifiedRefreshClaims(state: MockState, tokens: string[], nowSeconds: number): Promise<RefreshClaims> {
  if (tokens.length === 0) throw refreshRefused('No refresh token cookie was sent')
  // The server cannot tell which one is the user's (a sibling subdomain may have planted one): neither is used.
  if (tokens.length > 1) throw refreshRefused('Two refresh token cookies were sent; neither is used')
  try {
    return await verifyToken(state.keys, tokens[0]!, 'refresh', { nowSeconds })
  } catch (error) {
    if (error instanceof InvalidTokenError) throw refreshRefused(`The refresh token is refused: ${error.message}`)
    throw error
  }
}

/** Why a presented access token (Bearer or DPoP scheme) makes this refresh look like theft; undefined when fine or absent. */
async function accessTokenProblem(request: Request, state: MockState, userId: string, nowSeconds: number): Promise<string | undefined> {
  if (request.headers.get('authorization') === null) return undefined
  const token = authorization(request)?.token
  if (!token) return 'The Authorization header holds no Bearer or DPoP access token'
  try {
    const claims = await verifyToken(state.keys, presentedJwt(token), 'access', { nowSeconds, ignoreExpiry: true })
    return claims.sub === userId ? undefined : 'The presented access token belongs to another user'
  } catch (error) {
    if (error instanceof InvalidTokenError) return `The presented access token is refused: ${error.message}`
    throw error
  }
}

/** The key of the request's DPoP proof, checked (nonce included) before anything is used; undefined without a proof. */
async function proofKey(request: Request, state: MockState, now: number): Promise<string | undefined> {
  if (state.config.dpop === 'off' || dpopHeader(request) === undefined) return undefined
  try {
    return await checkProof(request, state, now)
  } catch (error) {
    if (error instanceof DpopError) throw authProofRefusal(error)
    throw error
  }
}

export function refreshHandler({ endpoint, readRefreshCookies, dialect = contractDialect }: HandlerDeps) {
  const path = dialect.paths.refresh
  return authRoute(dialect.methods.refresh)(
    `*${path}`,
    endpoint(
      {
        name: 'refresh',
        path,
        failable: 'refresh',
        injected401: () => dialect.refreshRefused(refreshRefused('The refresh token is refused (injected by failNext)')),
      },
      async ({ request, state, now, nowSeconds }) => {
        dialect.requireAuthHeaders(request)
        const claims = await verifiedRefreshClaims(state, readRefreshCookies(request), nowSeconds)
        const jtiHash = await sha256Hex(claims.jti)
        const theft = await accessTokenProblem(request, state, claims.sub, nowSeconds)
        const jkt = await proofKey(request, state, now)
        const next = await newRefreshId(state.keys)

        // From here to the rotation nothing awaits: two racing refreshes with one token cannot both rotate it.
        const record = state.db.findRefreshToken(jtiHash)
        const family = record && state.db.findFamily(record.familyId)
        if (!record || !family || record.familyId !== claims.fam || record.userId !== claims.sub) {
          throw refreshRefused('The refresh token is unknown to this server')
        }
        if (record.status === 'revoked' || family.status === 'revoked') throw refreshRefused('The refresh token was revoked')
        if (!isFamilyLive(family, state.config, now)) throw refreshRefused('The session ended (idle or absolute lifetime)')
        if (family.jkt !== undefined) {
          if (state.config.dpop === 'off') throw refreshRefused('The session is DPoP-bound and DPoP is off on this server')
          if (jkt === undefined) throw new ApiError(400, 'invalid_dpop_proof', 'This session is DPoP-bound: the refresh needs a DPoP proof', {}, 'rejected')
          if (jkt !== family.jkt) {
            if (state.db.revokeFamily(family.id)) state.stats.familiesRevoked++
            const refusal = refreshRefused('The DPoP proof is from another key than the one of this session; every token of it is now revoked')
            throw new ApiError(refusal.status, refusal.code, refusal.message, refusal.headers, 'rejected')
          }
        } else if (state.config.dpop === 'required') {
          throw refreshRefused('This server requires DPoP-bound sessions; sign in again with a DPoP proof')
        }
        const previous = family.previous
        const grace =
          record.status === 'used' && previous?.jtiHash === jtiHash && state.config.reuseIntervalMs > 0 && now - previous.rotatedAt <= state.config.reuseIntervalMs
        if (record.status === 'used' && !grace) {
          if (state.db.revokeFamily(family.id)) state.stats.familiesRevoked++
          throw refreshRefused('The refresh token was already used; every token of this session is now revoked')
        }
        if (theft !== undefined) {
          if (state.db.revokeFamily(family.id)) state.stats.familiesRevoked++
          throw refreshRefused(`${theft}; every token of this session is now revoked`)
        }
        const user = state.db.findUser(family.userId)
        if (!user) throw refreshRefused('The refresh token names an unknown user')
        if (grace) {
          // Within the reuse interval the replaced token gets the current one again: nothing rotates, nothing is revoked.
          family.lastRefreshAt = now
          family.lastUsedAt = now
          state.stats.refreshGraceReuses++
        } else {
          rotateFamily(state, family, next, now)
        }
        const tokens = await issueTokens(state, user, family, now)
        return json(dialect.tokenBody(tokens, ttlSeconds(state.config.accessTtlMs)), 200, { 'Set-Cookie': dialect.refreshCookie(tokens.refreshToken, tokens.refreshMaxAge) })
      },
    ),
  )
}
