import { sha256Hex } from '../../core/encoding'
import type { MockState } from '../../core/runtime'
import { InvalidTokenError, verifyToken } from '../../core/tokens'
import { contractDialect } from '../../http/dialect'
import { authRoute } from '../../http/routes'
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

export function logoutHandler({ endpoint, readRefreshCookies, dialect = contractDialect }: HandlerDeps) {
  const path = dialect.paths.logout
  return authRoute(dialect.methods.logout)(
    `*${path}`,
    endpoint({ name: 'logout', path, failable: 'logout' }, async ({ request, state, nowSeconds }) => {
      dialect.requireAuthHeaders(request)
      // Two cookies (one may be planted): the person wants out, so both families end.
      for (const token of readRefreshCookies(request)) await endFamilyOf(state, token, nowSeconds)
      // The browser drops what it cached from this origin (W3C Clear-Site-Data). Not "storage": that would
      // wipe the page's IndexedDB and Web Storage, which the app's own logout handles item by item.
      return dialect.logoutAnswer({ 'Set-Cookie': dialect.clearedRefreshCookie(), 'Clear-Site-Data': '"cache"' })
    }),
  )
}
