import { isAxiosError, type AxiosInstance } from 'axios'
import { decodeAccessToken, type DecodedAccessToken } from './decode-token'
import { DpopKeyLostError } from './dpop'
import { responseDate, retryAfterMs } from './http-headers'
import { readSessionExpiresAt } from './session-lifetime'
import type { RequestCredentials, SignedAuthRequest } from './request-credentials'
import { adoptStartedAnswer, type StartedRefreshAnswer } from './started-refresh'

/** How one call of `POST /auth/refresh` ended, before the client decides what it means for the session. */
export type RefreshOutcome =
  | { kind: 'ok'; accessToken: string; decoded: DecodedAccessToken; date: number | null; sessionExpiresAt: number | null }
  /** 401: the refresh token is missing, expired, revoked or reused (or a proof from another key). */
  | { kind: 'refused'; cause: unknown }
  /**
   * The session is bound to a DPoP key this browser no longer has: nothing was sent (a proof from another
   * key would read as theft), or the server refused a refresh that had no proof to give (400 `invalid_dpop_proof`).
   */
  | { kind: 'key-lost'; cause: unknown }
  /** Network error, timeout, 429, 5xx or an unusable answer: worth trying again later. */
  | { kind: 'unavailable'; status: number | null; retryAfterMs: number | null; cause: unknown }

const REFRESH_PATH = '/auth/refresh'

function errorCode(error: unknown): unknown {
  const data: unknown = isAxiosError(error) ? error.response?.data : undefined
  return typeof data === 'object' && data !== null ? (data as { error?: unknown }).error : undefined
}

/**
 * A bound login whose key is gone can never refresh again: its cookie is revoked (logout, sent without a
 * proof, which the server does not need there), unless IndexedDB now holds another key: then another tab
 * has signed in anew and the cookie is that login's.
 */
async function revokeOrphanedLogin(authHttp: AxiosInstance, cause: unknown): Promise<RefreshOutcome> {
  if (!(cause instanceof DpopKeyLostError && cause.foundThumbprint !== null)) {
    await authHttp.post('/auth/logout', {}).catch(() => undefined)
  }
  return { kind: 'key-lost', cause }
}

/**
 * Calls `POST /auth/refresh` through the bare auth instance with the refresh cookie and the current,
 * possibly expired, access token (the server checks it was not tampered with); with DPoP, a proof from the
 * key the session is bound to, and one more attempt after a nonce challenge (one refresh all the same).
 * `started`: the answer to this refresh's first request, sent before the client existed (`restore({ startedRefresh })`).
 */
export async function requestRefresh(
  authHttp: AxiosInstance,
  accessToken: string | null,
  serverNow: () => number,
  credentials: RequestCredentials,
  started?: StartedRefreshAnswer | null,
): Promise<RefreshOutcome> {
  let signed: SignedAuthRequest
  try {
    signed = await credentials.forRefresh(accessToken, authHttp.getUri({ url: REFRESH_PATH }))
  } catch (error) {
    if (error instanceof DpopKeyLostError) return revokeOrphanedLogin(authHttp, error)
    return { kind: 'unavailable', status: null, retryAfterMs: null, cause: error }
  }
  try {
    let first = started
    const post = async () => {
      if (!first) return authHttp.post<unknown>(REFRESH_PATH, {}, { headers: await signed.headers() })
      const answer = first
      first = null
      if ('headers' in answer) credentials.remember(answer.headers)
      return adoptStartedAnswer(answer, REFRESH_PATH)
    }
    const response = await credentials.retryOnNonce(post)
    const body = response.data
    const token = typeof body === 'object' && body !== null && 'accessToken' in body ? body.accessToken : undefined
    const decoded = typeof token === 'string' ? decodeAccessToken(token) : null
    if (typeof token !== 'string' || decoded === null) {
      return {
        kind: 'unavailable',
        status: response.status,
        retryAfterMs: null,
        cause: new Error('POST /auth/refresh answered without a usable accessToken'),
      }
    }
    return { kind: 'ok', accessToken: token, decoded, date: responseDate(response.headers), sessionExpiresAt: readSessionExpiresAt(body) }
  } catch (error) {
    if (isAxiosError(error) && error.response?.status === 401) return { kind: 'refused', cause: error }
    // A DPoP refusal is not the server being away: retrying later would back off forever.
    if (isAxiosError(error) && error.response?.status === 400 && errorCode(error) === 'invalid_dpop_proof') {
      return signed.proof ? { kind: 'refused', cause: error } : revokeOrphanedLogin(authHttp, error)
    }
    const status = isAxiosError(error) ? (error.response?.status ?? null) : null
    const headers = isAxiosError(error) ? error.response?.headers : undefined
    return { kind: 'unavailable', status, retryAfterMs: retryAfterMs(headers, serverNow()), cause: error }
  }
}
