import { isAxiosError, type AxiosInstance } from 'axios'
import { authEndpoint, toProfileResponse } from './auth-http'
import type { ResolvedBackendProfile } from './backend-profile'
import type { DecodedAccessToken } from './decode-token'
import { DpopKeyLostError } from './dpop'
import { UnexpectedAnswerError } from './errors'
import { retryAfterMs } from './http-headers'
import type { RequestCredentials, SignedAuthRequest } from './request-credentials'
import { fetchUser, lacksUser, readAnswer } from './token-answer'
import type { TokenUser } from './types'

/** How one call of `POST /auth/refresh` ended, before the client decides what it means for the session. */
export type RefreshOutcome =
  | { kind: 'ok'; accessToken: string; decoded: DecodedAccessToken; date: number | null; sessionExpiresAt: number | null }
  /** The profile's `isRefreshRefused` (default 401): the refresh token is missing, expired, revoked or reused (or a proof from another key). */
  | { kind: 'refused'; cause: unknown }
  /**
   * No answer came, and the backend has no reuse interval: the server may have rotated the cookie, and sending the
   * old one again would end the login as theft. Never retried.
   */
  | { kind: 'lost'; cause: unknown }
  /**
   * The session is bound to a DPoP key this browser no longer has: nothing was sent (a proof from another
   * key would read as theft), or the server refused a refresh that had no proof to give (400 `invalid_dpop_proof`).
   */
  | { kind: 'key-lost'; cause: unknown }
  /**
   * Network error, timeout, 429, 5xx: worth trying again later. Also an answer not understood (a 4xx the profile does
   * not call a refusal, a body `readTokenResponse` cannot read): `cause` an `UnexpectedAnswerError` or a `BackendProfileError`.
   */
  | { kind: 'unavailable'; status: number | null; retryAfterMs: number | null; cause: unknown }

/** What a refresh needs to know of the backend: its profile, the API's base, and the user of the token it replaces. */
export interface RefreshBackend {
  profile: ResolvedBackendProfile
  apiBase: string
  /** The user of the current token (a refresh answer that names none is the same login's). */
  previousUser: TokenUser | null
}

function errorCode(error: unknown): unknown {
  const data: unknown = isAxiosError(error) ? error.response?.data : undefined
  return typeof data === 'object' && data !== null ? (data as { error?: unknown }).error : undefined
}

/**
 * A bound login whose key is gone can never refresh again: its cookie is revoked (logout, sent without a
 * proof, which the server does not need there), unless IndexedDB now holds another key: then another tab
 * has signed in anew and the cookie is that login's.
 */
async function revokeOrphanedLogin(authHttp: AxiosInstance, backend: RefreshBackend, cause: unknown): Promise<RefreshOutcome> {
  if (!(cause instanceof DpopKeyLostError && cause.foundThumbprint !== null)) {
    const target = authEndpoint(backend.profile.endpoints.logout, backend.apiBase)
    await authHttp.post(target.url, {}, target).catch(() => undefined)
  }
  return { kind: 'key-lost', cause }
}

/** A 4xx the profile does not call a refusal (404, 405, 400…): the server's last word, and not one the client understands. */
function notUnderstood(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429
}

/**
 * Calls the profile's refresh endpoint through the bare auth instance with the refresh cookie and, when the endpoint
 * is under the API's base (our contract), the current, possibly expired, access token (the server checks it was not
 * tampered with); with DPoP, a proof from the key the session is bound to, and one more attempt after a nonce
 * challenge (one refresh all the same). A new session whose answer and token name no user asks `endpoints.user` once.
 */
export async function requestRefresh(
  authHttp: AxiosInstance,
  accessToken: string | null,
  serverNow: () => number,
  credentials: RequestCredentials,
  backend: RefreshBackend,
): Promise<RefreshOutcome> {
  const { profile } = backend
  const target = authEndpoint(profile.endpoints.refresh, backend.apiBase)
  const what = `POST ${profile.endpoints.refresh}`
  // The access token goes only under the API's base: to our contract's /api/auth/refresh, not to another auth server.
  const presented = target.baseURL === undefined ? accessToken : null
  let signed: SignedAuthRequest
  try {
    signed = await credentials.forRefresh(presented, authHttp.getUri(target))
  } catch (error) {
    if (error instanceof DpopKeyLostError) return revokeOrphanedLogin(authHttp, backend, error)
    return { kind: 'unavailable', status: null, retryAfterMs: null, cause: error }
  }
  try {
    const response = await credentials.retryOnNonce(async () => authHttp.post<unknown>(target.url, {}, { ...target, headers: await signed.headers() }))
    let answer
    try {
      answer = readAnswer(profile, response, what, serverNow, backend.previousUser)
      if (lacksUser(answer)) {
        const user = await fetchUser(authHttp, profile, backend.apiBase, (url) => credentials.forRequest(answer!.accessToken, 'get', url))
        answer = { ...answer, decoded: { ...answer.decoded, user: { id: user.id, email: user.email, name: user.name } } }
      }
    } catch (error) {
      return { kind: 'unavailable', status: response.status, retryAfterMs: null, cause: error }
    }
    return { kind: 'ok', accessToken: answer.accessToken, decoded: answer.decoded, date: answer.date, sessionExpiresAt: answer.sessionExpiresAt }
  } catch (error) {
    const response = isAxiosError(error) ? error.response : undefined
    if (response && profile.isRefreshRefused(toProfileResponse(response))) return { kind: 'refused', cause: error }
    // A DPoP refusal is not the server being away: retrying later would back off forever.
    if (response?.status === 400 && errorCode(error) === 'invalid_dpop_proof') {
      return signed.proof ? { kind: 'refused', cause: error } : revokeOrphanedLogin(authHttp, backend, error)
    }
    // No answer: the server may have rotated the cookie. Without a reuse interval, the old one must never go again.
    if (!response && isAxiosError(error) && !profile.reuseInterval) return { kind: 'lost', cause: error }
    const status = response?.status ?? null
    if (status !== null && notUnderstood(status)) {
      const cause = new UnexpectedAnswerError(`${what} answered ${status}, which the backend profile does not call a refusal`, { status, response: toProfileResponse(response!) }, { cause: error })
      return { kind: 'unavailable', status, retryAfterMs: null, cause }
    }
    return { kind: 'unavailable', status, retryAfterMs: retryAfterMs(response?.headers, serverNow()), cause: error }
  }
}
