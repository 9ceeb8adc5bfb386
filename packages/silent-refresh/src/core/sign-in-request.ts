import { isAxiosError, type AxiosInstance } from 'axios'
import { authEndpoint } from './auth-http'
import type { ResolvedBackendProfile } from './backend-profile'
import type { DecodedAccessToken } from './decode-token'
import { AuthError, AuthRequestError } from './errors'
import { retryAfterMs } from './http-headers'
import type { RequestCredentials } from './request-credentials'
import { fetchUser, lacksUser, readAnswer } from './token-answer'
import type { User } from './types'

export interface SignedIn {
  accessToken: string
  decoded: DecodedAccessToken
  user: User
  date: number | null
  /** When the login ends (server clock, ms), as the answer says. */
  sessionExpiresAt: number | null
}

function toAuthRequestError(error: unknown, endpoint: string): AuthRequestError {
  if (!isAxiosError(error) || !error.response) {
    return new AuthRequestError(`${endpoint}: the server could not be reached`, { code: 'network_error', status: null }, { cause: error })
  }
  const { status, data, headers } = error.response
  const body = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {}
  const code = typeof body.error === 'string' ? body.error : 'unknown'
  const message = typeof body.message === 'string' ? body.message : `${endpoint} failed with status ${status}`
  const retryAfter = retryAfterMs(headers, Date.now())
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

/** An answer not understood (the profile could not read it, or the token is unusable), as a login's error: names the field. */
function invalidResponse(endpoint: string, cause: unknown): AuthRequestError {
  const detail = cause instanceof AuthError ? cause.message : String(cause)
  return new AuthRequestError(`${endpoint} answered without a usable access token and user: ${detail}`, { code: 'invalid_response', status: null }, { cause })
}

/** Where a login or signup goes, from the backend profile, and how the client reaches the backend. */
export interface SignInBackend {
  profile: ResolvedBackendProfile
  apiBase: string
  serverNow(): number
}

/**
 * The profile's login or signup endpoint, through the bare auth instance; failures become `AuthRequestError`s.
 * With DPoP, a proof from the origin's key (one retry after a nonce challenge); a bound answer must name
 * that key (`cnf.jkt`). The user: the answer's, else the token's claims, else `endpoints.user` (asked once).
 */
export async function requestSignIn(
  authHttp: AxiosInstance,
  which: 'login' | 'signup',
  body: object,
  credentials: RequestCredentials,
  backend: SignInBackend,
): Promise<SignedIn> {
  const { profile } = backend
  const path = profile.endpoints[which]
  if (!path) throw new AuthRequestError('This backend has no signup endpoint (the backend profile names none)', { code: 'signup_unavailable', status: null })
  const endpoint = `POST ${path}`
  const target = authEndpoint(path, backend.apiBase)
  let response
  const signed = await credentials.forSignIn(authHttp.getUri(target))
  try {
    response = await credentials.retryOnNonce(async () => authHttp.post<unknown>(target.url, body, { ...target, headers: await signed.headers() }))
  } catch (error) {
    const failure = toAuthRequestError(error, endpoint)
    throw failure.code === 'invalid_dpop_proof' && !signed.key ? dpopRequiredError(failure) : failure
  }
  let answer
  try {
    answer = readAnswer(profile, response, endpoint, backend.serverNow, null)
  } catch (error) {
    throw invalidResponse(endpoint, error)
  }
  const { accessToken, decoded } = answer
  if (decoded.boundKey !== null && decoded.boundKey !== signed.key?.thumbprint) {
    throw new AuthRequestError(`${endpoint} answered with a token bound to a key this browser does not hold`, {
      code: 'invalid_response',
      status: null,
    })
  }
  let user = answer.user
  if (!user && !lacksUser(answer)) user = { ...decoded.user }
  if (!user) {
    try {
      user = await fetchUser(authHttp, profile, backend.apiBase, (url) => credentials.forRequest(accessToken, 'get', url))
    } catch (error) {
      throw error instanceof AuthError ? invalidResponse(endpoint, error) : toAuthRequestError(error, `GET ${profile.endpoints.user}`)
    }
  }
  const tokenUser = { id: user.id, email: user.email, name: user.name }
  return { accessToken, decoded: { ...decoded, user: tokenUser }, user, date: answer.date, sessionExpiresAt: answer.sessionExpiresAt }
}
