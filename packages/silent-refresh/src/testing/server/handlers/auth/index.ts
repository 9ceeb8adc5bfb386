import type { HandlerDeps } from '../deps'
import { loginHandler } from './login'
import { logoutHandler } from './logout'
import { refreshHandler } from './refresh'
import { signupHandler } from './signup'

/** The auth service: signup, login, refresh (rotation with reuse detection), logout. */
export function authHandlers(deps: HandlerDeps) {
  return [signupHandler(deps), loginHandler(deps), refreshHandler(deps), logoutHandler(deps)].flat()
}
