import { http } from 'msw'
import { sha256Hex } from '../../core/encoding'
import { InvalidTokenError, verifyToken } from '../../core/tokens'
import { clearedRefreshCookie } from '../../http/cookies'
import { requireXhrHeader } from '../../http/refresh-refusal'
import { noContent } from '../../http/responses'
import type { HandlerDeps } from '../deps'

export function logoutHandler({ endpoint, readRefreshCookie }: HandlerDeps) {
  return http.post(
    '*/api/auth/logout',
    endpoint({ name: 'logout' }, async ({ request, state, nowSeconds }) => {
      requireXhrHeader(request)
      const token = readRefreshCookie(request)
      if (token !== undefined) {
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
      return noContent({ 'Set-Cookie': clearedRefreshCookie() })
    }),
  )
}
