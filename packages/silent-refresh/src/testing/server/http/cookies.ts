export const REFRESH_COOKIE = 'refresh_token'

const ATTRIBUTES = 'HttpOnly; Secure; SameSite=Strict; Path=/api/auth'

export function refreshCookie(token: string, maxAgeSeconds: number): string {
  return `${REFRESH_COOKIE}=${token}; ${ATTRIBUTES}; Max-Age=${maxAgeSeconds}`
}

export function clearedRefreshCookie(): string {
  return `${REFRESH_COOKIE}=; ${ATTRIBUTES}; Max-Age=0`
}

const ATTRIBUTE_NAMES = new Set(['path', 'max-age', 'expires', 'domain', 'secure', 'httponly', 'samesite', 'priority', 'partitioned'])

/**
 * Every non-empty value of cookie `name` the client sent itself. Under msw/node, MSW appends its jar's cookies to
 * the Cookie header *with their attributes* (`refresh_token=…; Max-Age=…; Path=/api/auth; …`): a pair followed by
 * attribute names is MSW's jar, not the client. The client's own values win; without any, the jar's (deduplicated:
 * MSW appends them once per handler it tries).
 */
export function readCookies(request: Request, name: string): string[] {
  const header = request.headers.get('cookie')
  if (!header) return []
  const pairs = header.split(';').map((part) => {
    const separator = part.indexOf('=')
    const key = (separator < 0 ? part : part.slice(0, separator)).trim()
    return { key, value: separator < 0 ? '' : part.slice(separator + 1).trim(), fromJar: false }
  })
  pairs.forEach((pair, index) => {
    const previous = pairs[index - 1]
    if (previous && ATTRIBUTE_NAMES.has(pair.key.toLowerCase()) && !ATTRIBUTE_NAMES.has(previous.key.toLowerCase())) previous.fromJar = true
  })
  const named = pairs.filter((pair) => pair.key === name && pair.value !== '')
  const own = named.filter((pair) => !pair.fromJar).map((pair) => pair.value)
  return own.length > 0 ? own : [...new Set(named.map((pair) => pair.value))]
}

/** The first value of cookie `name` the client sent. */
export function readCookie(request: Request, name: string): string | undefined {
  return readCookies(request, name)[0]
}
