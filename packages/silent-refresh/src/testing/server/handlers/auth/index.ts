import { contractDialect } from '../../http/dialect'
import { methodNotAllowed } from '../../http/routes'
import type { HandlerDeps } from '../deps'
import { loginHandler } from './login'
import { logoutHandler } from './logout'
import { reauthenticateHandler } from './reauthenticate'
import { refreshHandler } from './refresh'
import { signupHandler } from './signup'

/**
 * The auth service: signup, login, refresh (rotation with reuse detection), logout, reauthenticate (step-up), each at
 * the dialect's path and method; then 405 with `Allow` for another method at one of those paths.
 */
export function authHandlers(deps: HandlerDeps) {
  const { paths, methods } = deps.dialect ?? contractDialect
  const routes: Record<string, string[]> = {}
  for (const name of ['signup', 'login', 'refresh', 'logout', 'reauthenticate', 'user'] as const) {
    const path = paths[name]
    // The user endpoint at the kit's own /api/me is served by GET there too.
    if (path !== null) routes[path] = [...new Set([...(routes[path] ?? []), methods[name], ...(path === '/api/me' ? ['GET'] : [])])]
  }
  return [signupHandler(deps), loginHandler(deps), refreshHandler(deps), logoutHandler(deps), reauthenticateHandler(deps), ...methodNotAllowed(routes)].flat()
}
