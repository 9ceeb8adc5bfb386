import type { AxiosAdapter } from 'axios'
import { fakeAccessToken } from './fake-jwt'

const USER = { id: 'u1', email: 'demo@example.com', name: 'Demo User', createdAt: '2024-01-01T00:00:00.000Z' }

/**
 * An axios adapter that answers every request at once, in process: 200 with the user, or with a
 * long-lived access token under `/auth/`. Whatever time a request takes is then the client's own.
 */
export function createInstantAdapter(): AxiosAdapter {
  const nowSeconds = Math.floor(Date.now() / 1000)
  const signedIn = { accessToken: fakeAccessToken({ sub: USER.id, iatSeconds: nowSeconds, expSeconds: nowSeconds + 86_400, jti: 'instant' }), user: USER }
  return async (config) => ({
    data: config.url?.startsWith('/auth/') ? signedIn : USER,
    status: 200,
    statusText: 'OK',
    headers: {},
    config,
    request: {},
  })
}
