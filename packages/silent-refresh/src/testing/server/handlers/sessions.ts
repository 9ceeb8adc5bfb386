import { http } from 'msw'
import type { FamilyRecord } from '../core/database'
import type { MockState } from '../core/runtime'
import { isFamilyLive } from '../core/sessions'
import { ApiError, invalidRequest } from '../http/api-error'
import { authenticate } from '../http/authenticate'
import { requireRecentAuth } from '../http/step-up'
import { json, noContent } from '../http/responses'
import type { EndpointOptions } from '../http/endpoint'
import type { HandlerDeps } from './deps'

/** The browser and system a `User-Agent` names, in a few words; `null` for what the label does not know. */
export function describeUserAgent(userAgent: string | undefined): { browser: string | null; os: string | null } {
  const ua = userAgent ?? ''
  // Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari", headless Chromium says "HeadlessChrome".
  const browser = /\bEdg(?:e|A|iOS)?\//.test(ua)
    ? 'Edge'
    : /\bOPR\//.test(ua)
      ? 'Opera'
      : /\bFirefox\/|\bFxiOS\//.test(ua)
        ? 'Firefox'
        : /\b(?:Headless)?Chrom(?:e|ium)\/|\bCriOS\//.test(ua)
          ? 'Chrome'
          : /\bVersion\/[\d.]+.*\bSafari\//.test(ua)
            ? 'Safari'
            : /\bnode\b|undici/i.test(ua)
              ? 'Node.js'
              : null
  const os = /\biPhone\b/.test(ua)
    ? 'iPhone'
    : /\biPad\b/.test(ua)
      ? 'iPad'
      : /\bAndroid\b/.test(ua)
        ? 'Android'
        : /\bWindows\b/.test(ua)
          ? 'Windows'
          : /\bMac OS X\b|\bMacintosh\b/.test(ua)
            ? 'macOS'
            : /\bCrOS\b/.test(ua)
              ? 'ChromeOS'
              : /\bLinux\b|\bX11\b/.test(ua)
                ? 'Linux'
                : null
  return { browser, os }
}

function sessionJson(family: FamilyRecord, currentSid: string) {
  const { browser, os } = describeUserAgent(family.userAgent)
  const startedAt = family.startedAt ?? family.lastRefreshAt
  return {
    id: family.id,
    current: family.id === currentSid,
    createdAt: new Date(startedAt).toISOString(),
    lastUsedAt: new Date(family.lastUsedAt ?? family.lastRefreshAt).toISOString(),
    browser,
    os,
    label: `${browser ?? 'Unknown browser'}${os ? ` on ${os}` : ''}`,
  }
}

/** The user's logins that can still be used: the current one first, then the most recently used. */
function liveSessions(state: MockState, userId: string, currentSid: string, now: number): FamilyRecord[] {
  return state.db
    .familiesOf(userId)
    .filter((family) => isFamilyLive(family, state.config, now))
    .sort((a, b) => Number(b.id === currentSid) - Number(a.id === currentSid) || (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0))
}

function endLogin(state: MockState, family: FamilyRecord): void {
  if (state.db.revokeFamily(family.id)) state.stats.familiesRevoked++
}

const notFound = () => new ApiError(404, 'not_found', 'No such signed-in device of this account')

const SESSION_PATH = /^\/api\/auth\/sessions\/(?!sign-out-others$)[^/]+$/

const sessionsEndpoint = (path: string | RegExp): EndpointOptions => ({ name: 'sessions', path })

/**
 * The signed-in devices: every live login (refresh family) of the access token's user, and ending other ones. The
 * ended login's access tokens die with it (`authenticate` refuses a token whose `sid` is revoked), and its next
 * refresh is refused, so that device lands on its login page.
 *
 * Step-up: the two sign-outs are sensitive actions. The recent-authentication check (RFC 9470: the access token's
 * `auth_time` within `stepUpMaxAgeMs`, else 401 `insufficient_user_authentication` with `max_age`) goes right after
 * `authenticate()` in both, before anything is looked up or ended (`requireRecentAuth`).
 */
export function sessionsHandlers({ endpoint }: HandlerDeps) {
  return [
    http.get(
      '*/api/auth/sessions',
      endpoint(sessionsEndpoint('/api/auth/sessions'), async ({ request, state, now }) => {
        const { claims, user } = await authenticate(request, state, now)
        return json({ sessions: liveSessions(state, user.id, claims.sid, now).map((family) => sessionJson(family, claims.sid)) })
      }),
    ),
    http.post(
      '*/api/auth/sessions/sign-out-others',
      endpoint(sessionsEndpoint('/api/auth/sessions/sign-out-others'), async ({ request, state, now }) => {
        const { claims, user } = await authenticate(request, state, now)
        requireRecentAuth(request, claims, state, now)
        const others = liveSessions(state, user.id, claims.sid, now).filter((family) => family.id !== claims.sid)
        for (const family of others) endLogin(state, family)
        return json({ signedOut: others.length })
      }),
    ),
    // A RegExp, not MSW's `:sid`: its matcher decodes the segment and throws (a 500 with a stack trace) on a
    // malformed %-escape before any handler runs.
    http.delete(
      /\/api\/auth\/sessions\/(?!sign-out-others$)[^/?#]+(?:[?#].*)?$/,
      endpoint(sessionsEndpoint(SESSION_PATH), async ({ request, state, now }) => {
        const { claims, user } = await authenticate(request, state, now)
        requireRecentAuth(request, claims, state, now)
        let sid: string
        try {
          sid = decodeURIComponent(new URL(request.url).pathname.split('/').pop()!)
        } catch {
          throw notFound()
        }
        const family = state.db.findFamily(sid)
        // Unknown, another account's, or already over: the same 404, and nothing ends.
        if (!family || family.userId !== user.id || !isFamilyLive(family, state.config, now)) throw notFound()
        if (family.id === claims.sid) throw invalidRequest('This is the current login: sign out with POST /api/auth/logout')
        endLogin(state, family)
        return noContent()
      }),
    ),
  ]
}
