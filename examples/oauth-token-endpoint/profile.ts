import type { BackendProfile } from 'silent-refresh'

/**
 * An OAuth 2.0 authorization server's token endpoint in front of an SPA (the pattern of a backend-for-frontend):
 * - `POST /oauth/token` takes a form (`application/x-www-form-urlencoded`), never JSON: `grant_type=password` with
 *   `username`, `password` and `client_id` to log in, `grant_type=refresh_token` with `client_id` to refresh. The
 *   refresh token itself is an HttpOnly cookie `rt` on `Path=/oauth`, rotated on every use; it is never in a body.
 * - Answers RFC 6749 §5.1: `{ access_token, token_type, expires_in, scope }`, an opaque access token; errors §5.2:
 *   400 `{ error: 'invalid_grant', error_description }` for a wrong password and for a refused refresh alike.
 * - `POST /oauth/revoke` (RFC 7009) ends the login and answers 200 with an empty body.
 * - `GET /oauth/userinfo` (OpenID Connect) names the user: `{ sub, email, name }`.
 * - An API refusing a token: 401 with `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750), the default reading.
 *
 * `server.ts` is such a server; `createAuthClient({ backend })` and the testing kit's `createTestBackend({ profile })`
 * are given this file and nothing else.
 */
const CLIENT_ID = 'spa'

interface OAuthError {
  error?: unknown
  error_description?: unknown
}

const oauthTokenEndpoint: BackendProfile = {
  endpoints: { login: '/oauth/token', refresh: '/oauth/token', logout: '/oauth/revoke', user: '/oauth/userinfo' },
  writeRequest(call) {
    if (call.endpoint === 'login') return new URLSearchParams({ grant_type: 'password', username: call.email, password: call.password, client_id: CLIENT_ID })
    if (call.endpoint === 'refresh') return new URLSearchParams({ grant_type: 'refresh_token', client_id: CLIENT_ID })
    if (call.endpoint === 'logout') return new URLSearchParams({ token_type_hint: 'refresh_token', client_id: CLIENT_ID })
    throw new Error(`This server has no ${call.endpoint} endpoint`)
  },
  readTokenResponse(body) {
    const { access_token, expires_in } = (typeof body === 'object' && body !== null ? body : {}) as { access_token?: unknown; expires_in?: unknown }
    return { accessToken: typeof access_token === 'string' ? access_token : '', ...(typeof expires_in === 'number' ? { expiresIn: expires_in } : {}) }
  },
  // RFC 6749 §5.2: a wrong password and a refused refresh are both 400 invalid_grant; the endpoint tells them apart.
  isRefreshRefused: (response) => response.status === 400 && (response.body as OAuthError | undefined)?.error === 'invalid_grant',
  readError(response) {
    const { error, error_description: description } = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as OAuthError
    const code = error === 'invalid_grant' ? 'invalid_credentials' : error === 'slow_down' ? 'too_many_attempts' : typeof error === 'string' ? error : undefined
    return { code, message: typeof description === 'string' ? description : undefined }
  },
  isLogoutConfirmed: (response) => response.status === 200,
  authHeaders: {},
  dpop: false,
  reuseInterval: false,
  // How the testing kit's mock writes the same dialect; it checks at start that the readers above read it.
  mock: {
    tokenAnswer: ({ accessToken, expiresIn }) => ({ access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn, scope: 'openid profile email' }),
    refreshRefused: { status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token is invalid or expired' } },
    errorAnswer: ({ status, code, message }) =>
      code === 'invalid_credentials'
        ? { status: 400, body: { error: 'invalid_grant', error_description: message } }
        : { status, body: { error: code === 'too_many_attempts' ? 'slow_down' : code, error_description: message } },
    logoutAnswer: { status: 200 },
    refreshCookie: { name: 'rt', path: '/oauth' },
    accessTokens: 'opaque',
  },
}

export default oauthTokenEndpoint
