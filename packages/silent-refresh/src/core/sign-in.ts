import type { AxiosInstance } from 'axios'
import type { ClockSkew } from './clock-skew'
import type { PendingLogoutMark } from './lifecycle/pending-logout'
import type { RequestCredentials } from './request-credentials'
import type { SessionModel } from './session-model'
import { requestSignIn, type SignedIn } from './sign-in-request'
import type { TabMessage } from './tabs/types'
import type { Credentials, SignupInput, User } from './types'

export interface SignInParts {
  session: SessionModel
  skew: ClockSkew
  authHttp: AxiosInstance
  credentials: RequestCredentials
  pendingLogout: PendingLogoutMark
  tell(message: TabMessage): void
}

/** `client.login()` and `client.signup()`: the request, then a new session here and in the other tabs. */
export function createSignIn(parts: SignInParts): { login(input: Credentials): Promise<User>; signup(input: SignupInput): Promise<User> } {
  const { session, authHttp, credentials } = parts

  function startSession(signedIn: SignedIn, via: 'login' | 'signup'): User {
    const { accessToken: token, decoded, date, sessionExpiresAt } = signedIn
    // The new login's cookie has replaced the one a pending logout was for.
    parts.pendingLogout.clear()
    session.dispatch({ type: 'logout-pending', pending: false })
    session.dispatch({ type: 'token-adopted', token, issuedAt: decoded.issuedAt, serverTime: date, startsVia: via, sessionExpiresAt })
    parts.tell({ type: 'login', token, serverTime: parts.skew.serverNow(), sessionExpiresAt })
    return signedIn.user
  }

  return {
    login: async ({ email, password }) => startSession(await requestSignIn(authHttp, '/auth/login', { email, password }, credentials), 'login'),
    signup: async ({ email, name, password }) =>
      startSession(await requestSignIn(authHttp, '/auth/signup', { email, name, password }, credentials), 'signup'),
  }
}
