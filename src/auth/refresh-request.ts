import { isAxiosError, type AxiosInstance } from 'axios'
import { decodeAccessToken, type DecodedAccessToken } from './decode-token'
import { authorizationHeaders, responseDate, retryAfterMs } from './http-headers'
import { readSessionExpiresAt } from './session-lifetime'

/** How one call of `POST /auth/refresh` ended, before the client decides what it means for the session. */
export type RefreshOutcome =
  | { kind: 'ok'; accessToken: string; decoded: DecodedAccessToken; date: number | null; sessionExpiresAt: number | null }
  /** 401: the refresh token is missing, expired, revoked or reused. */
  | { kind: 'refused'; cause: unknown }
  /** Network error, timeout, 429, 5xx or an unusable answer: worth trying again later. */
  | { kind: 'unavailable'; status: number | null; retryAfterMs: number | null; cause: unknown }

/**
 * Calls `POST /auth/refresh` through the bare auth instance with the refresh cookie and the current,
 * possibly expired, access token (the server checks it was not tampered with).
 */
export async function requestRefresh(
  authHttp: AxiosInstance,
  accessToken: string | null,
  serverNow: () => number,
): Promise<RefreshOutcome> {
  try {
    const response = await authHttp.post<unknown>('/auth/refresh', {}, {
      headers: accessToken ? authorizationHeaders(accessToken) : {},
    })
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
    const status = isAxiosError(error) ? (error.response?.status ?? null) : null
    const headers = isAxiosError(error) ? error.response?.headers : undefined
    return { kind: 'unavailable', status, retryAfterMs: retryAfterMs(headers, serverNow()), cause: error }
  }
}
