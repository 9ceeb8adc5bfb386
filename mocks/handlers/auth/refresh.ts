import { http } from 'msw'
import type { MockState } from '../../core/runtime'
import { newRefreshId, signTokens } from '../../core/sessions'
import { sha256Hex } from '../../core/encoding'
import { InvalidTokenError, verifyToken, type RefreshClaims } from '../../core/tokens'
import { bearerToken } from '../../http/authenticate'
import { refreshCookie } from '../../http/cookies'
import { refreshRefused, requireXhrHeader } from '../../http/refresh-refusal'
import { apiErrorResponse, json } from '../../http/responses'
import type { HandlerDeps } from '../deps'

async function verifiedRefreshClaims(state: MockState, token: string | undefined, nowSeconds: number): Promise<RefreshClaims> {
  if (token === undefined) throw refreshRefused('No refresh token cookie was sent')
  try {
    return await verifyToken(state.keys, token, 'refresh', { nowSeconds })
  } catch (error) {
    if (error instanceof InvalidTokenError) throw refreshRefused(`The refresh token is refused: ${error.message}`)
    throw error
  }
}

/** Why a presented access token makes this refresh look like theft; undefined when none was presented or it is fine. */
async function accessTokenProblem(request: Request, state: MockState, userId: string, nowSeconds: number): Promise<string | undefined> {
  if (request.headers.get('authorization') === null) return undefined
  const token = bearerToken(request)
  if (!token) return 'The Authorization header holds no Bearer access token'
  try {
    const claims = await verifyToken(state.keys, token, 'access', { nowSeconds, ignoreExpiry: true })
    return claims.sub === userId ? undefined : 'The presented access token belongs to another user'
  } catch (error) {
    if (error instanceof InvalidTokenError) return `The presented access token is refused: ${error.message}`
    throw error
  }
}

export function refreshHandler({ endpoint, readRefreshCookie }: HandlerDeps) {
  return http.post(
    '*/api/auth/refresh',
    endpoint(
      { name: 'refresh', failable: 'refresh', injected401: () => apiErrorResponse(refreshRefused('The refresh token is refused (injected by failNext)')) },
      async ({ request, state, nowSeconds }) => {
        requireXhrHeader(request)
        const claims = await verifiedRefreshClaims(state, readRefreshCookie(request), nowSeconds)
        const jtiHash = await sha256Hex(claims.jti)
        const theft = await accessTokenProblem(request, state, claims.sub, nowSeconds)
        const next = await newRefreshId()

        // From here to the rotation nothing awaits: two racing refreshes with one token cannot both pass.
        const record = state.db.findRefreshToken(jtiHash)
        if (!record || record.familyId !== claims.fam || record.userId !== claims.sub) {
          throw refreshRefused('The refresh token is unknown to this server')
        }
        if (record.status === 'revoked') throw refreshRefused('The refresh token was revoked')
        if (record.status === 'used') {
          if (state.db.revokeFamily(record.familyId)) state.stats.familiesRevoked++
          throw refreshRefused('The refresh token was already used; every token of this session is now revoked')
        }
        if (record.expiresAt <= nowSeconds) throw refreshRefused('The refresh token expired')
        if (theft !== undefined) {
          if (state.db.revokeFamily(record.familyId)) state.stats.familiesRevoked++
          throw refreshRefused(`${theft}; every token of this session is now revoked`)
        }
        const user = state.db.findUser(record.userId)
        if (!user) throw refreshRefused('The refresh token names an unknown user')
        record.status = 'used'
        state.db.addRefreshToken({ jtiHash: next.jtiHash, familyId: record.familyId, userId: user.id, status: 'active', expiresAt: record.expiresAt })

        const tokens = await signTokens(state, user, { jti: next.jti, familyId: record.familyId, expiresAt: record.expiresAt }, nowSeconds)
        return json({ accessToken: tokens.accessToken }, 200, { 'Set-Cookie': refreshCookie(tokens.refreshToken, tokens.refreshMaxAge) })
      },
    ),
  )
}
