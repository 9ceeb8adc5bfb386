export const REFRESH_COOKIE = 'refresh_token'

const ATTRIBUTES = 'HttpOnly; Secure; SameSite=Strict; Path=/api/auth'

export function refreshCookie(token: string, maxAgeSeconds: number): string {
  return `${REFRESH_COOKIE}=${token}; ${ATTRIBUTES}; Max-Age=${maxAgeSeconds}`
}

export function clearedRefreshCookie(): string {
  return `${REFRESH_COOKIE}=; ${ATTRIBUTES}; Max-Age=0`
}

/**
 * The first `name=value` in the Cookie header. Under msw/node the header also carries MSW's jar entries with their
 * attributes, appended (", "-joined) after what the client sent, so the first occurrence is the client's own.
 */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie')
  if (!header) return undefined
  for (const pair of header.split(/[;,]/)) {
    const separator = pair.indexOf('=')
    if (separator > 0 && pair.slice(0, separator).trim() === name) {
      const value = pair.slice(separator + 1).trim()
      return value === '' ? undefined : value
    }
  }
  return undefined
}
