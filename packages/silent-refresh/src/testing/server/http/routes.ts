import { http } from 'msw'
import { errorJson } from './responses'

/** MSW's handler maker for an auth endpoint's method (`http.post`, `http.put`, …): the profile's `methods` decide. */
export const authRoute = (method: string) => http[method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete' | 'get']

/**
 * Every auth path's methods (a refresh by PUT and a logout by DELETE at one path: `PUT, DELETE`): a request with
 * another method at one of them is 405 with `Allow`, as a real server's router answers. Put after the endpoints.
 *
 * @example
 * methodNotAllowed({ '/v1/sessions/current': ['PUT', 'DELETE'] }) // POST /v1/sessions/current → 405, Allow: PUT, DELETE
 */
export function methodNotAllowed(routes: Record<string, string[]>) {
  return Object.entries(routes).map(([path, methods]) =>
    http.all(`*${path}`, ({ request }) => {
      const { pathname } = new URL(request.url)
      if (pathname !== path || methods.includes(request.method)) return undefined
      return errorJson(405, 'method_not_allowed', `${path} does not answer ${request.method}; it answers ${methods.join(', ')}`, { Allow: methods.join(', ') })
    }),
  )
}

/** Every path the mock serves, with its methods: paths match exactly and case-sensitively. */
export const ROUTES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  '/api/auth/signup': ['POST'],
  '/api/auth/login': ['POST'],
  '/api/auth/refresh': ['POST'],
  '/api/auth/logout': ['POST'],
  '/api/auth/reauthenticate': ['POST'],
  '/api/auth/sessions': ['GET'],
  '/api/auth/sessions/sign-out-others': ['POST'],
  '/api/me': ['GET'],
  '/api/me/password': ['PUT'],
  '/api/posts': ['GET', 'POST'],
  '/api/posts/stream': ['GET'],
  '/__mock/reset': ['POST'],
  '/__mock/clock': ['POST'],
  '/__mock/config': ['POST'],
  '/__mock/fail': ['POST'],
  '/__mock/stats': ['GET'],
})

/** Paths with a segment of their own (`/api/auth/sessions/:sid`), with their methods. */
const PATTERN_ROUTES: ReadonlyArray<readonly [RegExp, readonly string[]]> = [[/^\/api\/auth\/sessions\/[^/]+$/, ['DELETE']]]

/**
 * Whether `request` is addressed to exactly `path` (no prefix, no trailing slash, same case), or to a path the
 * pattern matches whole.
 */
export const isExactPath = (request: Request, path: string | RegExp): boolean => {
  const { pathname } = new URL(request.url)
  return typeof path === 'string' ? pathname === path : path.test(pathname)
}

/** What answers a request no endpoint took: 405 with `Allow` for a known path, else 404. */
export function unroutedResponse(method: string, pathname: string): Response {
  const methods = Object.hasOwn(ROUTES, pathname) ? ROUTES[pathname] : PATTERN_ROUTES.find(([pattern]) => pattern.test(pathname))?.[1]
  if (methods) {
    return errorJson(405, 'method_not_allowed', `${pathname} does not answer ${method}; it answers ${methods.join(', ')}`, { Allow: methods.join(', ') })
  }
  return errorJson(404, 'not_found', `No endpoint ${method} ${pathname}`)
}
