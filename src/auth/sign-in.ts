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
  /** Sends a pending logout; resolves whether it is still pending. */
  finishPendingLogout(): Promise<boolean>
  tell(message: TabMessage): void
}

/** `client.login()` and `client.signup()`: the request, then a new session here and in the other tabs. */
export function createSignIn(parts: SignInParts): { login(input: Credentials): Promise<User>; signup(input: SignupInput): Promise<User> } {
  const { session, authHttp, credentials } = parts

  function startSession(signedIn: SignedIn, via: 'login' | 'signup'): User {
    const { accessToken: token, decoded, date, sessionExpiresAt } = signedIn
    // The new login's cookie has replaced the one a pending logout was for (sent first, see `signIn`).
    parts.pendingLogout.clear()
    session.dispatch({ type: 'logout-pending', pending: false })
    session.dispatch({ type: 'token-adopted', token, issuedAt: decoded.issuedAt, serverTime: date, startsVia: via, sessionExpiresAt })
    parts.tell({ type: 'login', token, serverTime: parts.skew.serverNow(), sessionExpiresAt })
    return signedIn.user
  }

  /**
   * A logout the server has not heard is sent first: the old login ends on the server before the new one starts.
   * If it still cannot be sent, the login goes on: its cookie replaces the old one in this browser.
   */
  async function signIn(path: '/auth/login' | '/auth/signup', body: object, via: 'login' | 'signup'): Promise<User> {
    await parts.finishPendingLogout()
    return startSession(await requestSignIn(authHttp, path, body, credentials), via)
  }

  return {
    login: ({ email, password }) => signIn('/auth/login', { email, password }, 'login'),
    signup: ({ email, name, password }) => signIn('/auth/signup', { email, name, password }, 'signup'),
  }
}
