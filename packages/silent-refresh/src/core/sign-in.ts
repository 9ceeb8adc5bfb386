import { isAxiosError, type AxiosInstance, type AxiosResponse } from 'axios'
import { asAuthError, AuthError, AuthRequestError, notAuthenticatedError } from './errors'
import { encodeAuthRequest, readErrorAnswer } from './backend-profile'
import { authEndpoint, retryAfterMs, toProfileResponse } from './http'
import type { PendingLogoutMark } from './lifecycle/logout'
import type { RequestCredentials } from './request'
import type { SessionModel } from './session'
import { decodeAccessToken, fetchUser, lacksUser, readAnswer } from './token'
import type { AuthCall, Credentials, DecodedAccessToken, ResolvedBackendProfile, SignupInput, User } from './types'

interface SignedIn {
  accessToken: string
  decoded: DecodedAccessToken
  user: User
  date: number | null
  /** When the login ends (server clock, ms), as the answer says. */
  sessionExpiresAt: number | null
}

/**
 * A failed login, signup or step-up as an `AuthRequestError`: the code and sentence the profile's `readError` reads
 * from the answer (`unknown` and a sentence naming the status when it reads none), `network_error` when no answer came.
 */
function toAuthRequestError(error: unknown, endpoint: string, backend: SignInBackend): AuthRequestError {
  if (!isAxiosError(error) || !error.response) {
    return new AuthRequestError(`${endpoint}: the server could not be reached`, { code: 'network_error', status: null }, { cause: error })
  }
  const { status, headers } = error.response
  let read
  try {
    read = readErrorAnswer(backend.profile, toProfileResponse(error.response))
  } catch (profileError) {
    return new AuthRequestError(`${endpoint} failed with status ${status}, and its answer could not be read: ${(profileError as Error).message}`, { code: 'invalid_response', status }, { cause: profileError })
  }
  const retryAfter = retryAfterMs(headers, backend.serverNow())
  return new AuthRequestError(
    read.message ?? `${endpoint} failed with status ${status}`,
    { code: read.code ?? 'unknown', status, retryAfterSeconds: retryAfter === null ? null : Math.ceil(retryAfter / 1000) },
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

/** An answer not understood (the profile could not read it, or the token is unusable), as a login's error: names the field. */
function invalidResponse(endpoint: string, status: number, cause: unknown): AuthRequestError {
  const detail = cause instanceof AuthError ? cause.message : String(cause)
  return new AuthRequestError(`${endpoint} answered without a usable access token and user: ${detail}`, { code: 'invalid_response', status }, { cause })
}

/** Where a login or signup goes, from the backend profile, and how the client reaches the backend. */
interface SignInBackend {
  profile: ResolvedBackendProfile
  apiBase: string
  serverNow(): number
}

/**
 * The profile's login or signup endpoint, through the bare auth instance; failures become `AuthRequestError`s.
 * With DPoP, a proof from the origin's key (one retry after a nonce challenge); a bound answer must name
 * that key (`cnf.jkt`). The user: the answer's, else the token's claims, else `endpoints.user` (asked once).
 */
async function requestSignIn(
  authHttp: AxiosInstance,
  call: Extract<AuthCall, { endpoint: 'login' | 'signup' }>,
  credentials: RequestCredentials,
  backend: SignInBackend,
): Promise<SignedIn> {
  const { profile } = backend
  const which = call.endpoint
  const path = profile.endpoints[which]
  if (!path) throw new AuthRequestError('This backend has no signup endpoint (the backend profile names none)', { code: 'signup_unavailable', status: null })
  const method = profile.methods[which]
  const endpoint = `${method} ${path}`
  const target = authEndpoint(path, backend.apiBase)
  let response: AxiosResponse<unknown>
  const body = encodeAuthRequest(profile, call)
  const signed = await credentials.forSignIn(authHttp.getUri(target), method)
  try {
    response = await credentials.retryOnNonce(async () =>
      authHttp.request<unknown>({ ...target, method, data: body.data, headers: { ...(await signed.headers()), 'Content-Type': body.contentType } }),
    )
  } catch (error) {
    const failure = toAuthRequestError(error, endpoint, backend)
    throw failure.code === 'invalid_dpop_proof' && !signed.key ? dpopRequiredError(failure) : failure
  }
  let answer
  try {
    answer = readAnswer(profile, response, endpoint, backend.serverNow, null)
  } catch (error) {
    throw invalidResponse(endpoint, response.status, error)
  }
  const { accessToken, decoded } = answer
  if (decoded.boundKey !== null && decoded.boundKey !== signed.key?.thumbprint) {
    throw new AuthRequestError(`${endpoint} answered with a token bound to a key this browser does not hold`, {
      code: 'invalid_response',
      status: response.status,
    })
  }
  let user = answer.user
  if (!user && !lacksUser(answer, profile)) user = { ...decoded.user }
  if (!user) {
    try {
      user = await fetchUser(authHttp, profile, backend.apiBase, (method, url) => credentials.forRequest(accessToken, method, url))
    } catch (error) {
      throw error instanceof AuthError ? invalidResponse(endpoint, response.status, error) : toAuthRequestError(error, `${profile.methods.user} ${profile.endpoints.user}`, backend)
    }
  }
  const tokenUser = { id: user.id, email: user.email, name: user.name }
  return { accessToken, decoded: { ...decoded, user: tokenUser }, user, date: answer.date, sessionExpiresAt: answer.sessionExpiresAt }
}

export interface SignInParts {
  session: SessionModel
  authHttp: AxiosInstance
  credentials: RequestCredentials
  pendingLogout: PendingLogoutMark
  profile: ResolvedBackendProfile
  /** The API's base URL (`options.baseURL`): where a profile's paths from the origin are resolved. */
  apiBase: string
  /** Sends a pending logout; resolves whether it is still pending. */
  finishPendingLogout(): Promise<boolean>
}

/**
 * `client.reauthenticate()` (step-up): the password with the access token to the profile's `endpoints.reauthenticate`;
 * the answer's token (same login, fresh `auth_time`) is adopted through the session model, which tells the other tabs.
 */
async function requestReauthenticate(parts: SignInParts, backend: SignInBackend, password: string): Promise<void> {
  const { profile } = backend
  const path = profile.endpoints.reauthenticate
  if (!path) throw new AuthRequestError('This backend has no reauthenticate endpoint (the backend profile names none)', { code: 'reauthenticate_unavailable', status: null })
  const current = parts.session.tokens.read()
  if (!current) throw notAuthenticatedError()
  const method = profile.methods.reauthenticate
  const endpoint = `${method} ${path}`
  const target = authEndpoint(path, backend.apiBase)
  const url = parts.authHttp.getUri(target)
  const body = encodeAuthRequest(profile, { endpoint: 'reauthenticate', password })
  let response: AxiosResponse<unknown>
  try {
    response = await parts.credentials.retryOnNonce(async () =>
      parts.authHttp.request<unknown>({
        ...target,
        method,
        data: body.data,
        headers: { ...(await parts.credentials.forRequest(current.token, method, url)), 'Content-Type': body.contentType },
      }),
    )
  } catch (error) {
    throw error instanceof AuthError ? error : toAuthRequestError(error, endpoint, backend)
  }
  let answer
  try {
    answer = readAnswer(profile, response, endpoint, backend.serverNow, current.decoded.user)
  } catch (error) {
    throw invalidResponse(endpoint, response.status, error)
  }
  const { accessToken: token, decoded, date, sessionExpiresAt } = answer
  if (decoded.user.id !== current.decoded.user.id) throw invalidResponse(endpoint, response.status, 'the token names another user than the session')
  const facts = decodeAccessToken(token) ? {} : { decoded }
  parts.session.dispatch({ type: 'token-adopted', token, issuedAt: decoded.issuedAt, serverTime: date, startsVia: null, sessionExpiresAt, from: 'reauthenticate', ...facts })
}

/** `client.login()`, `client.signup()` and `client.reauthenticate()`: the request, then the session here and in the other tabs. */
export function createSignIn(parts: SignInParts): {
  login(input: Credentials): Promise<User>
  signup(input: SignupInput): Promise<User>
  reauthenticate(input: { password: string }): Promise<void>
} {
  const { session, authHttp, credentials } = parts

  function startSession(signedIn: SignedIn, via: 'login' | 'signup'): User {
    const { accessToken: token, decoded, date, sessionExpiresAt } = signedIn
    // The new login's cookie has replaced the one a pending logout was for (sent first, see `signIn`).
    parts.pendingLogout.clear()
    session.dispatch({ type: 'logout-pending', pending: false })
    // What the answer said of a token that cannot be decoded itself (opaque, or a JWT of another shape) goes with it.
    const facts = decodeAccessToken(token) ? {} : { decoded }
    session.dispatch({ type: 'token-adopted', token, issuedAt: decoded.issuedAt, serverTime: date, startsVia: via, sessionExpiresAt, from: via, ...facts })
    return signedIn.user
  }

  const backend = { profile: parts.profile, apiBase: parts.apiBase, serverNow: session.clock.serverNow }
  const send = (call: Extract<AuthCall, { endpoint: 'login' | 'signup' }>) =>
    requestSignIn(authHttp, call, credentials, backend).catch((error: unknown) => {
      throw asAuthError(error)
    })
  /**
   * A logout the server has not heard is sent first: the old login ends on the server before the new one starts.
   * If it still cannot be sent, the login goes on: its cookie replaces the old one in this browser.
   */
  async function signIn(call: Extract<AuthCall, { endpoint: 'login' | 'signup' }>): Promise<User> {
    await parts.finishPendingLogout()
    return startSession(await send(call), call.endpoint)
  }
  return {
    login: ({ email, password }) => signIn({ endpoint: 'login', email, password }),
    signup: ({ email, name, password }) => signIn({ endpoint: 'signup', email, name, password }),
    reauthenticate: ({ password }) =>
      requestReauthenticate(parts, backend, password).catch((error: unknown) => {
        throw asAuthError(error)
      }),
  }
}
