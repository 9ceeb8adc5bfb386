import { REFRESH_COOKIE, readCookie } from '../packages/silent-refresh/src/testing/server/http/cookies'

/** Where MSW persists its cookie jar in the browser (msw 2.15 `CookieStore`). */
export const MSW_COOKIE_STORE_KEY = '__msw-cookie-store__'

interface StoredCookie {
  key?: unknown
  value?: unknown
  domain?: unknown
  path?: unknown
  expires?: unknown
  maxAge?: unknown
  creation?: unknown
}

function expired(cookie: StoredCookie, now: number): boolean {
  if (typeof cookie.maxAge === 'number' && typeof cookie.creation === 'string') {
    return Date.parse(cookie.creation) + cookie.maxAge * 1000 <= now
  }
  if (typeof cookie.expires === 'string' && cookie.expires !== 'Infinity') return Date.parse(cookie.expires) <= now
  return false
}

/**
 * Reads the refresh cookie from MSW's persisted jar rather than from the request. Each tab holds its own copy of
 * MSW's jar, loaded once at page load, so a second tab would send a cookie another tab has already rotated away;
 * the persisted jar is the one all tabs write, the closest thing to a browser's shared cookie jar. `name` is the
 * dialect's refresh cookie (`refresh_token` by default).
 */
export function createBrowserRefreshCookieReader(storage: Pick<Storage, 'getItem'>, hostname: string) {
  return (request: Request, name: string = REFRESH_COOKIE): string | undefined => {
    const raw = storage.getItem(MSW_COOKIE_STORE_KEY)
    if (raw === null) return readCookie(request, name)
    let cookies: unknown
    try {
      cookies = JSON.parse(raw)
    } catch {
      return readCookie(request, name)
    }
    if (!Array.isArray(cookies)) return readCookie(request, name)
    const path = new URL(request.url).pathname
    const now = Date.now()
    const match = (cookies as StoredCookie[]).find(
      (cookie) =>
        cookie.key === name &&
        cookie.domain === hostname &&
        typeof cookie.path === 'string' &&
        path.startsWith(cookie.path) &&
        typeof cookie.value === 'string' &&
        cookie.value !== '' &&
        !expired(cookie, now),
    )
    return typeof match?.value === 'string' ? match.value : undefined
  }
}
