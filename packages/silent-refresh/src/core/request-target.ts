/** What a request of the app instance is aimed at: the API, its auth endpoints, or elsewhere. */
export type RequestTarget = 'api' | 'auth' | 'foreign'

const ABSOLUTE_URL = /^([a-z][a-z\d+\-.]*:)?\/\//i

function join(base: string, url: string): string {
  if (url === '') return base
  return `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`
}

/**
 * Only requests under the API's base URL get the access token (a token never leaks to another
 * origin), and `/auth/*` under it is left alone (those endpoints manage the session themselves).
 * An absolute URL is compared as written: with a relative `apiBase` it reads as foreign.
 */
export function requestTarget(apiBase: string, requestBase: string | undefined, url: string | undefined): RequestTarget {
  const path = url ?? ''
  const absolute = ABSOLUTE_URL.test(path)
  // The common case, on every request: a relative URL on the instance's own base is under the API.
  if (!absolute && requestBase === apiBase) return isAuthPath(path.replace(/^\/+/, '')) ? 'auth' : 'api'
  const full = absolute ? path : join(requestBase ?? '', path)
  const base = apiBase.replace(/\/+$/, '')
  if (full !== base && !full.startsWith(`${base}/`) && !full.startsWith(`${base}?`)) return 'foreign'
  return isAuthPath(full.slice(base.length).replace(/^\/+/, '')) ? 'auth' : 'api'
}

/** `auth`, `auth/…` or `auth?…`, relative to the API base. */
function isAuthPath(relative: string): boolean {
  if (!relative.startsWith('auth')) return false
  const next = relative.charAt(4)
  return next === '' || next === '/' || next === '?'
}
