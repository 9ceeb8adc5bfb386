import { isAxiosError, type AxiosInstance } from 'axios'
import { asAuthError, AuthRequestError } from './errors'
import { responseDate, retryAfterMs } from './http'
import type { PendingLogoutMark } from './lifecycle/logout'
import type { RequestCredentials } from './request'
import { readSessionExpiresAt, type SessionModel } from './session'
import { decodeAccessToken, type DecodedAccessToken } from './token'
import type { Credentials, SignupInput, User } from './types'

interface SignedIn {
  accessToken: string
  decoded: DecodedAccessToken
  user: User
  date: number | null
  /** When the login ends (server clock, ms), as the answer says. */
  sessionExpiresAt: number | null
}

function isUser(value: unknown): value is User {
  if (typeof value !== 'object' || value === null) return false
  const { id, email, name, createdAt } = value as Record<string, unknown>
  return [id, email, name, createdAt].every((field) => typeof field === 'string')
}

function toAuthRequestError(error: unknown, endpoint: string, serverNow: number): AuthRequestError {
  if (!isAxiosError(error) || !error.response) {
    return new AuthRequestError(`${endpoint}: the server could not be reached`, { code: 'network_error', status: null }, { cause: error })
  }
  const { status, data, headers } = error.response
  const body = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {}
  const code = typeof body.error === 'string' ? body.error : 'unknown'
  const message = typeof body.message === 'string' ? body.message : `${endpoint} failed with status ${status}`
  const retryAfter = retryAfterMs(headers, serverNow)
  return new AuthRequestError(
    message,
    { code, status, retryAfterSeconds: retryAfter === null ? null : Math.ceil(retryAfter / 1000) },
    { cause: error },
  )
}

/** A server that requires DPoP from a browser that cannot do it: say so rather than pass on "invalid proof". */
function dpopRequiredError(cause: AuthRequestError): AuthRequestError {
  return new AuthRequestError(
    'This server only accepts sessions bound to a key (DPoP), which this browser cannot make (it needs WebCrypto and IndexedDB)',
    { code: 'dpop_unsupported', status: cause.status },
    { cause },
  )
}

/**
 * `POST /auth/login` or `/auth/signup` through the bare auth instance; failures become `AuthRequestError`s.
 * With DPoP, a proof from the origin's key (one retry after a nonce challenge); a bound answer must name
 * that key (`cnf.jkt`).
 */
async function requestSignIn(
  authHttp: AxiosInstance,
  path: '/auth/login' | '/auth/signup',
  body: object,
  credentials: RequestCredentials,
  serverNow: () => number,
): Promise<SignedIn> {
  const endpoint = `POST ${path}`
  let data: unknown
  let date: number | null
  const signed = await credentials.forSignIn(authHttp.getUri({ url: path }))
  try {
    const response = await credentials.retryOnNonce(async () => authHttp.post<unknown>(path, body, { headers: await signed.headers() }))
    data = response.data
    date = responseDate(response.headers)
  } catch (error) {
    const failure = toAuthRequestError(error, endpoint, serverNow())
    throw failure.code === 'invalid_dpop_proof' && !signed.key ? dpopRequiredError(failure) : failure
  }
  const { accessToken, user } = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {}
  const decoded = typeof accessToken === 'string' ? decodeAccessToken(accessToken) : null
  if (typeof accessToken !== 'string' || decoded === null || !isUser(user)) {
    throw new AuthRequestError(`${endpoint} answered without a usable access token and user`, {
      code: 'invalid_response',
      status: null,
    })
  }
  if (decoded.boundKey !== null && decoded.boundKey !== signed.key?.thumbprint) {
    throw new AuthRequestError(`${endpoint} answered with a token bound to a key this browser does not hold`, {
      code: 'invalid_response',
      status: null,
    })
  }
  return { accessToken, decoded, user, date, sessionExpiresAt: readSessionExpiresAt(data) }
}

export interface SignInParts {
  session: SessionModel
  authHttp: AxiosInstance
  credentials: RequestCredentials
  pendingLogout: PendingLogoutMark
  /** Sends a pending logout; resolves whether it is still pending. */
  finishPendingLogout(): Promise<boolean>
}

/** `client.login()` and `client.signup()`: the request, then a new session here and in the other tabs. */
export function createSignIn(parts: SignInParts): { login(input: Credentials): Promise<User>; signup(input: SignupInput): Promise<User> } {
  const { session, authHttp, credentials } = parts

  function startSession(signedIn: SignedIn, via: 'login' | 'signup'): User {
    const { accessToken: token, decoded, date, sessionExpiresAt } = signedIn
    // The new login's cookie has replaced the one a pending logout was for (sent first, see `signIn`).
    parts.pendingLogout.clear()
    session.dispatch({ type: 'logout-pending', pending: false })
    session.dispatch({ type: 'token-adopted', token, issuedAt: decoded.issuedAt, serverTime: date, startsVia: via, sessionExpiresAt, from: via })
    return signedIn.user
  }

  const send = (path: '/auth/login' | '/auth/signup', body: object) =>
    requestSignIn(authHttp, path, body, credentials, session.clock.serverNow).catch((error: unknown) => {
      throw asAuthError(error)
    })
  /**
   * A logout the server has not heard is sent first: the old login ends on the server before the new one starts.
   * If it still cannot be sent, the login goes on: its cookie replaces the old one in this browser.
   */
  async function signIn(path: '/auth/login' | '/auth/signup', body: object, via: 'login' | 'signup'): Promise<User> {
    await parts.finishPendingLogout()
    return startSession(await send(path, body), via)
  }
  return {
    login: ({ email, password }) => signIn('/auth/login', { email, password }, 'login'),
    signup: ({ email, name, password }) => signIn('/auth/signup', { email, name, password }, 'signup'),
  }
}
