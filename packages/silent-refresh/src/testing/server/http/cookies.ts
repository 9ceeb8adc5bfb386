export const REFRESH_COOKIE = 'refresh_token'

const ATTRIBUTES = 'HttpOnly; Secure; SameSite=Strict; Path=/api/auth'

export function refreshCookie(token: string, maxAgeSeconds: number): string {
  return `${REFRESH_COOKIE}=${token}; ${ATTRIBUTES}; Max-Age=${maxAgeSeconds}`
}

export function clearedRefreshCookie(): string {
  return `${REFRESH_COOKIE}=; ${ATTRIBUTES}; Max-Age=0`
}

export interface CookiePair {
  name: string
  value: string
}

/**
 * A request's Cookie header as RFC 6265 §4.2 / §5.4 defines it: `name=value` pairs separated by `;`, nothing else.
 * A request carries no attributes, so `Path=x` is a cookie named `Path` (a sibling origin can plant one) and says
 * nothing about the pair before it. A part without `=` is a cookie with an empty name (RFC 6265bis §5.7).
 */
export function parseCookieHeader(header: string | null | undefined): CookiePair[] {
  if (!header) return []
  return header.split(';').flatMap((part) => {
    const separator = part.indexOf('=')
    const name = (separator < 0 ? '' : part.slice(0, separator)).trim()
    const value = (separator < 0 ? part : part.slice(separator + 1)).trim()
    return name === '' && value === '' ? [] : [{ name, value }]
  })
}

/**
 * The distinct non-empty values of cookie `name` (exact, case-sensitive) in a Cookie header. The same value twice
 * counts once: whoever sent it twice already holds it.
 */
export function cookieValues(header: string | null | undefined, name: string): string[] {
  return [...new Set(parseCookieHeader(header).filter((pair) => pair.name === name && pair.value !== '').map((pair) => pair.value))]
}

/** Every distinct value of cookie `name` in the request's Cookie header. */
export function readCookies(request: Request, name: string): string[] {
  return cookieValues(request.headers.get('cookie'), name)
}

/** The first value of cookie `name` the client sent. */
export function readCookie(request: Request, name: string): string | undefined {
  return readCookies(request, name)[0]
}

/**
 * The values of cookie `name` that MSW's jar appended to a request's Cookie header under msw/node: MSW adds each
 * stored cookie serialised *with its attributes* (`refresh_token=…; Max-Age=…; Path=/api/auth; …`), joined to what is
 * there by `Headers.append` (", "), once per handler it tries. Each such cookie's first pair is the cookie itself.
 */
export function mswJarValues(appended: string, name: string): string[] {
  const serialised = appended.split(/,\s*(?=[^;,=\s]+=)/)
  return [...new Set(serialised.map((cookie) => parseCookieHeader(cookie)[0]).filter((pair) => pair?.name === name && pair.value !== '').map((pair) => pair!.value))]
}
