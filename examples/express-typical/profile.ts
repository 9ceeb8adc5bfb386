import type { BackendProfile, User } from 'silent-refresh'

/** The body of a login, register or refresh answer, as the jsonwebtoken + cookie-parser tutorials write it. */
interface TokenAnswer {
  access_token?: unknown
  token_type?: unknown
  expires_in?: unknown
  user?: unknown
}

/**
 * How a typical Express backend speaks (see docs/backend.md): auth under `/auth`, the API under `/api`;
 * `{ access_token, token_type, expires_in, user }` in snake_case; the refresh token in an HttpOnly cookie `jid` on
 * `Path=/auth`; a plain `401 {"message":"jwt expired"}` (no `WWW-Authenticate`) when the access token is no good;
 * 401 or 403 when a refresh is refused; no CSRF header, no DPoP, no reuse interval; an access token that is a JWT
 * without `typ` (or an opaque string), so the user comes from the answer or from `GET /auth/me`.
 *
 * Its `mock` part is how the mock writes the same dialect (the token answers, the 401, the 403, the cookie).
 *
 * The default export is what `createAuthClient({ backend })`, the testing kit's mock and
 * `npm run contract -- URL --profile examples/express-typical/profile.ts` are given.
 */
const expressTypical: BackendProfile = {
  endpoints: {
    login: '/auth/login',
    signup: '/auth/register',
    refresh: '/auth/refresh',
    logout: '/auth/logout',
    user: '/auth/me',
  },
  readTokenResponse(body) {
    const { access_token, expires_in, user } = (typeof body === 'object' && body !== null ? body : {}) as TokenAnswer
    return {
      accessToken: typeof access_token === 'string' ? access_token : '',
      ...(typeof expires_in === 'number' ? { expiresIn: expires_in } : {}),
      ...(typeof user === 'object' && user !== null ? { user: user as User } : {}),
    }
  },
  isTokenRejected: (response) => response.status === 401,
  isRefreshRefused: (response) => response.status === 401 || response.status === 403,
  // Its errors are `{ message }` only: the status says which.
  readError: (response) => ({
    code: ({ 400: 'invalid_request', 401: 'invalid_credentials', 409: 'email_taken', 429: 'too_many_attempts' } as Record<number, string>)[response.status],
    message: (response.body as { message?: string } | undefined)?.message,
  }),
  authHeaders: {},
  dpop: false,
  reuseInterval: false,
  // How the mock writes this dialect (npm run dev, npm run mock:server, createTestBackend({ profile })): the same
  // answers as server.ts. The mock checks at start that the readers above read what this writes.
  mock: {
    tokenAnswer: ({ accessToken, expiresIn, user }) => ({ access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn, ...(user ? { user } : {}) }),
    tokenRejected: { status: 401, body: { message: 'jwt expired' } },
    refreshRefused: { status: 403, body: { message: 'Invalid refresh token' } },
    errorAnswer: ({ status, message }) => ({ status, body: { message } }),
    refreshCookie: { name: 'jid', path: '/auth' },
  },
}

export default expressTypical
