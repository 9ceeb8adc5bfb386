import { isAxiosError, type AxiosInstance } from 'axios'
import { decodeAccessToken, type DecodedAccessToken } from './decode-token'
import { AuthRequestError } from './errors'
import { responseDate, retryAfterMs } from './http-headers'
import { readSessionExpiresAt } from './session-lifetime'
import type { User } from './types'

export interface SignedIn {
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

/** `POST /auth/login` or `/auth/signup` through the bare auth instance; failures become `AuthRequestError`s. */
export async function requestSignIn(
  authHttp: AxiosInstance,
  path: '/auth/login' | '/auth/signup',
  body: object,
): Promise<SignedIn> {
  const endpoint = `POST ${path}`
  let data: unknown
  let date: number | null
  try {
    const response = await authHttp.post<unknown>(path, body)
    data = response.data
    date = responseDate(response.headers)
  } catch (error) {
    throw toAuthRequestError(error, endpoint)
  }
  const { accessToken, user } = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {}
  const decoded = typeof accessToken === 'string' ? decodeAccessToken(accessToken) : null
  if (typeof accessToken !== 'string' || decoded === null || !isUser(user)) {
    throw new AuthRequestError(`${endpoint} answered without a usable access token and user`, {
      code: 'invalid_response',
      status: null,
    })
  }
  return { accessToken, decoded, user, date, sessionExpiresAt: readSessionExpiresAt(data) }
}
