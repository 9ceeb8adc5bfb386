import { AxiosError, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios'
import { fakeAccessToken } from './fake-jwt'

const USER = { id: 'u1', email: 'demo@example.com', name: 'Demo User', createdAt: '2024-01-01T00:00:00.000Z' }

export interface InProcessApi {
  /** Login and refresh issue a token living `accessTtlMs` on `clock`; other paths want the last one issued, unexpired. */
  adapter: AxiosAdapter
  clock: { now: number }
  /** The server stops accepting the current access token: the next API call gets a 401 `invalid_token`. */
  revokeAccessToken(): void
  readonly refreshCalls: number
}

/** A tiny auth server inside the process, for runs of thousands of refresh cycles without a network. */
export function createInProcessApi(options: { accessTtlMs: number }): InProcessApi {
  const clock = { now: Date.now() }
  let valid: { token: string; expiresAt: number } | null = null
  let issued = 0
  let refreshCalls = 0

  const respond = (config: InternalAxiosRequestConfig, status: number, data: unknown, headers: Record<string, string> = {}): AxiosResponse => ({
    data,
    status,
    statusText: String(status),
    headers,
    config,
    request: {},
  })
  const issue = () => {
    const iat = Math.floor(clock.now / 1000)
    const expiresAt = clock.now + options.accessTtlMs
    const token = fakeAccessToken({ sub: USER.id, iatSeconds: iat, expSeconds: Math.floor(expiresAt / 1000), jti: String(++issued) })
    valid = { token, expiresAt }
    return token
  }

  const adapter: AxiosAdapter = async (config) => {
    if (config.url === '/auth/login') return respond(config, 200, { accessToken: issue(), user: USER })
    if (config.url === '/auth/refresh') {
      refreshCalls++
      return respond(config, 200, { accessToken: issue() })
    }
    const authorized = valid !== null && config.headers.get('Authorization') === `Bearer ${valid.token}` && clock.now < valid.expiresAt
    if (authorized) return respond(config, 200, USER)
    const response = respond(config, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' })
    throw new AxiosError('Request failed with status code 401', AxiosError.ERR_BAD_REQUEST, config, response.request, response)
  }

  return {
    adapter,
    clock,
    revokeAccessToken: () => {
      valid = null
    },
    get refreshCalls() {
      return refreshCalls
    },
  }
}
