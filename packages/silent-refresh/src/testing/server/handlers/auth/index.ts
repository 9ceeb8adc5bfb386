import type { HandlerDeps } from '../deps'
import { loginHandler } from './login'
import { logoutHandler } from './logout'
import { reauthenticateHandler } from './reauthenticate'
import { refreshHandler } from './refresh'
import { signupHandler } from './signup'

/** The auth service: signup, login, refresh (rotation with reuse detection), logout, reauthenticate (step-up). */
export function authHandlers(deps: HandlerDeps) {
  return [signupHandler(deps), loginHandler(deps), refreshHandler(deps), logoutHandler(deps), reauthenticateHandler(deps)].flat()
}
