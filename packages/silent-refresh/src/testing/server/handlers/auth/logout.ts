import { http } from 'msw'
import { sha256Hex } from '../../core/encoding'
import type { MockState } from '../../core/runtime'
import { InvalidTokenError, verifyToken } from '../../core/tokens'
import { clearedRefreshCookie } from '../../http/cookies'
import { requireXhrHeader } from '../../http/refresh-refusal'
import { noContent } from '../../http/responses'
import type { HandlerDeps } from '../deps'

async function endFamilyOf(state: MockState, token: string, nowSeconds: number): Promise<void> {
  try {
    // An expired token still names the family to end.
    const claims = await verifyToken(state.keys, token, 'refresh', { nowSeconds, ignoreExpiry: true })
    const record = state.db.findRefreshToken(await sha256Hex(claims.jti))
    if (record && record.familyId === claims.fam && state.db.revokeFamily(record.familyId)) state.stats.familiesRevoked++
  } catch (error) {
    // Logout is idempotent: an unusable cookie has nothing to revoke.
    if (!(error instanceof InvalidTokenError)) throw error
  }
}

export function logoutHandler({ endpoint, readRefreshCookies }: HandlerDeps) {
  return http.post(
    '*/api/auth/logout',
    endpoint({ name: 'logout', path: '/api/auth/logout', failable: 'logout' }, async ({ request, state, nowSeconds }) => {
      requireXhrHeader(request)
      // Two cookies (one may be planted): the person wants out, so both families end.
      for (const token of readRefreshCookies(request)) await endFamilyOf(state, token, nowSeconds)
      return noContent({ 'Set-Cookie': clearedRefreshCookie() })
    }),
  )
}
