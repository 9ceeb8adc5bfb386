import { errorJson } from './responses'

/** Every path the mock serves, with its methods: paths match exactly and case-sensitively. */
export const ROUTES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  '/api/auth/signup': ['POST'],
  '/api/auth/login': ['POST'],
  '/api/auth/refresh': ['POST'],
  '/api/auth/logout': ['POST'],
  '/api/me': ['GET'],
  '/api/posts': ['GET', 'POST'],
  '/__mock/reset': ['POST'],
  '/__mock/clock': ['POST'],
  '/__mock/config': ['POST'],
  '/__mock/fail': ['POST'],
  '/__mock/stats': ['GET'],
})

/** Whether `request` is addressed to exactly `path` (no prefix, no trailing slash, same case). */
export const isExactPath = (request: Request, path: string): boolean => new URL(request.url).pathname === path

/** What answers a request no endpoint took: 405 with `Allow` for a known path, else 404. */
export function unroutedResponse(method: string, pathname: string): Response {
  const methods = Object.hasOwn(ROUTES, pathname) ? ROUTES[pathname] : undefined
  if (methods) {
    return errorJson(405, 'method_not_allowed', `${pathname} does not answer ${method}; it answers ${methods.join(', ')}`, { Allow: methods.join(', ') })
  }
  return errorJson(404, 'not_found', `No endpoint ${method} ${pathname}`)
}
