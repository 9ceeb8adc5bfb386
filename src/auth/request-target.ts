/** What a request of the app instance is aimed at: the API, its auth endpoints, or elsewhere. */
export type RequestTarget = 'api' | 'auth' | 'foreign'

const ABSOLUTE_URL = /^([a-z][a-z\d+\-.]*:)?\/\//i

/** A `.` or `..` segment (also percent-encoded, or after a backslash): the browser resolves it before sending. */
const DOT_SEGMENT = /(?:^|[/\\])(?:\.|%2e){1,2}(?:[/\\?#]|$)/i

/** The URL as the browser will send it: dot segments resolved, backslashes read as slashes, no fragment. */
function resolved(url: string): string {
  if (!DOT_SEGMENT.test(url) && !url.includes('\\')) return url
  const absolute = ABSOLUTE_URL.test(url)
  const parsed = new URL(url, 'http://relative.invalid')
  const path = parsed.pathname + parsed.search
  return absolute ? `${parsed.origin}${path}` : url.startsWith('/') ? path : path.slice(1)
}

function join(base: string, url: string): string {
  if (url === '') return base
  return `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`
}

/**
 * Only requests under the API's base URL get the access token (a token never leaks to another
 * origin), and `/auth/*` under it is left alone (those endpoints manage the session themselves).
 * An absolute URL is compared as written: with a relative `apiBase` it reads as foreign. Dot segments are resolved
 * first, as the browser will: `get('../x')` or `get('posts/../../x')` leaves the API root and is foreign.
 */
export function requestTarget(apiBase: string, requestBase: string | undefined, url: string | undefined): RequestTarget {
  const path = url ?? ''
  const absolute = ABSOLUTE_URL.test(path)
  // The common case, on every request: a relative URL on the instance's own base is under the API (unless a `..`
  // takes it out: `get('../x')` is sent outside the API root, so it gets no token and no proof).
  if (!absolute && requestBase === apiBase && !DOT_SEGMENT.test(path) && !path.includes('\\')) {
    return isAuthPath(path.replace(/^\/+/, '')) ? 'auth' : 'api'
  }
  const full = resolved(absolute ? path : join(requestBase ?? '', path))
  const base = resolved(apiBase).replace(/\/+$/, '')
  if (full !== base && !full.startsWith(`${base}/`) && !full.startsWith(`${base}?`)) return 'foreign'
  return isAuthPath(full.slice(base.length).replace(/^\/+/, '')) ? 'auth' : 'api'
}

/** `auth`, `auth/…` or `auth?…`, relative to the API base. */
function isAuthPath(relative: string): boolean {
  if (!relative.startsWith('auth')) return false
  const next = relative.charAt(4)
  return next === '' || next === '/' || next === '?'
}
