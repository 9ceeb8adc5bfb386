import type { AxiosInstance } from 'axios'
import type { ResolvedBackendProfile } from './backend-profile'
import type { ClockSkew } from './clock-skew'
import { decodeAccessToken } from './decode-token'
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
  profile: ResolvedBackendProfile
  apiBase: string
  tell(message: TabMessage): void
}

/** `client.login()` and `client.signup()`: the request, then a new session here and in the other tabs. */
export function createSignIn(parts: SignInParts): { login(input: Credentials): Promise<User>; signup(input: SignupInput): Promise<User> } {
  const { session, authHttp, credentials } = parts
  const backend = { profile: parts.profile, apiBase: parts.apiBase, serverNow: parts.skew.serverNow }

  function startSession(signedIn: SignedIn, via: 'login' | 'signup'): User {
    const { accessToken: token, decoded, date, sessionExpiresAt } = signedIn
    // The new login's cookie has replaced the one a pending logout was for.
    parts.pendingLogout.clear()
    session.dispatch({ type: 'logout-pending', pending: false })
    session.dispatch({ type: 'token-adopted', token, issuedAt: decoded.issuedAt, serverTime: date, startsVia: via, sessionExpiresAt, decoded })
    // What the answer said of a token the other tabs cannot decode themselves (opaque, or a JWT of another shape).
    const facts = decodeAccessToken(token) ? {} : { decoded }
    parts.tell({ type: 'login', token, serverTime: parts.skew.serverNow(), sessionExpiresAt, ...facts })
    return signedIn.user
  }

  return {
    login: async ({ email, password }) => startSession(await requestSignIn(authHttp, 'login', { email, password }, credentials, backend), 'login'),
    signup: async ({ email, name, password }) =>
      startSession(await requestSignIn(authHttp, 'signup', { email, name, password }, credentials, backend), 'signup'),
  }
}
