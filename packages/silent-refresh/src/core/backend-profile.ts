import { AuthError } from './errors'
import { isInvalidTokenChallenge } from './http-headers'
import type { User } from './types'

/**
 * An HTTP answer as a backend profile reads it. The client builds it from axios, the conformance check from
 * `fetch`, the mock from its own response: one shape, so one profile serves all three.
 */
export interface ProfileResponse {
  status: number
  /** A response header by name (case-insensitive), `null` when absent. */
  header(name: string): string | null
  /** The JSON body when the answer was JSON, else its text (or `undefined` when empty). */
  body: unknown
}

/** What a login, signup or refresh answer says, as `readTokenResponse` reads it. */
export interface TokenResponse {
  /** The access token: a JWT (any `typ`, RFC 9068 `at+jwt` included) or an opaque string. */
  accessToken: string
  /**
   * Seconds the access token lives from this answer (OAuth's `expires_in`). Used when the token cannot be read
   * (opaque, or a JWT without `exp`); a readable `exp` wins.
   */
  expiresIn?: number
  /** The signed-in user, when the answer carries one. */
  user?: User
  /** When the whole login ends (ms, server clock), when the answer says; `null` or absent when unknown. */
  sessionExpiresAt?: number | null
}

/**
 * Where the auth endpoints are: paths from the origin (`/auth/refresh`) or full URLs, independent of the API's
 * `baseURL` (auth at `/auth` and the API at `/api` work together). The access token goes only to the API and to `user`.
 */
export interface BackendEndpoints {
  login: string
  refresh: string
  logout: string
  /** Absent: `client.signup()` rejects. */
  signup?: string
  /** Asked once per session start for the user when neither the answer nor the token's claims name one. */
  user?: string
}

/**
 * How a backend speaks: where its auth endpoints are, how its token answers read, which answers mean "refresh and
 * replay" and "the session is over". Given to `createAuthClient({ backend })`, to the testing kit's mock and to the
 * conformance check (`npm run contract -- URL --profile file`, whose default export is one of these).
 * Only `endpoints` and `readTokenResponse` are required; the rest default to `defaultProfile`'s (this project's contract).
 *
 * @example
 * // A typical Express backend: /auth/*, snake_case answers, a plain 401 when the token expired, 403 on a refused refresh.
 * const backend: BackendProfile = {
 *   endpoints: { login: '/auth/login', refresh: '/auth/refresh', logout: '/auth/logout', signup: '/auth/register' },
 *   readTokenResponse: (body) => {
 *     const { access_token, expires_in, user } = body as { access_token: string; expires_in?: number; user?: User }
 *     return { accessToken: access_token, expiresIn: expires_in, user }
 *   },
 *   isTokenRejected: (response) => response.status === 401,
 *   isRefreshRefused: (response) => response.status === 401 || response.status === 403,
 *   authHeaders: {},
 *   dpop: false,
 *   reuseInterval: false,
 * }
 * const client = createAuthClient({ baseURL: '/api', backend })
 */
export interface BackendProfile {
  endpoints: BackendEndpoints
  /** Reads a login, signup or refresh answer's body. Returning no `accessToken` is an error that names the field. */
  readTokenResponse(body: unknown): TokenResponse
  /**
   * Whether an API answer means "this access token is no good: refresh and replay once". Default: 401 with an
   * RFC 6750 / RFC 9449 `error="invalid_token"` challenge. A typical backend's: any 401.
   */
  isTokenRejected?(response: ProfileResponse): boolean
  /** Whether a refresh answer ends the session. Default: 401. 403 is common too. */
  isRefreshRefused?(response: ProfileResponse): boolean
  /** Headers sent with every auth call (a CSRF header). Default `{ 'X-Requested-With': 'XMLHttpRequest' }`. */
  authHeaders?: Record<string, string>
  /** Whether the backend understands DPoP (RFC 9449); off, the client sends Bearer whatever `dpop` option it has. Default true. */
  dpop?: boolean
  /**
   * Whether the backend accepts the refresh cookie a rotation just replaced for a short while (a reuse interval).
   * Without one (`false`) the client never sends a refresh again after a lost answer: the cookie it holds may be
   * the rotated-away one, and presenting it would end the login. Default true.
   */
  reuseInterval?: boolean
}

/** A profile with every field filled in (`validateProfile`'s result). */
export type ResolvedBackendProfile = Required<Omit<BackendProfile, 'endpoints'>> & { endpoints: BackendEndpoints }

/**
 * A profile that does not describe a backend (a field missing or of the wrong type), or a `readTokenResponse` that
 * found no access token in an answer. `field` names what is wrong (`endpoints.refresh`, `readTokenResponse`,
 * `readTokenResponse().accessToken`, …).
 *
 * @example
 * try { createAuthClient({ baseURL: '/api', backend }) } catch (e) { if (e instanceof BackendProfileError) console.error(e.field) }
 */
export class BackendProfileError extends AuthError {
  override readonly name = 'BackendProfileError'
  readonly field: string
  constructor(field: string, message: string, options?: ErrorOptions) {
    super('invalid_backend_profile', message, options)
    this.field = field
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
}

/** A user object with at least a string `id` (email and name default to empty strings). */
export function readUser(value: unknown): User | undefined {
  const fields = record(value)
  if (typeof fields.id !== 'string' && typeof fields.id !== 'number') return undefined
  const { email, name } = fields
  return { ...fields, id: String(fields.id), email: typeof email === 'string' ? email : '', name: typeof name === 'string' ? name : '' } as User
}

/** `sessionExpiresAt` as an ISO time on the server's clock, in ms; `null` when absent or unreadable. */
function readIsoTime(value: unknown): number | null {
  if (typeof value !== 'string') return null
  const ms = Date.parse(value)
  return Number.isFinite(ms) ? ms : null
}

/**
 * This project's contract (docs/api-contract.md, Part 1): `/api/auth/*`, `{ accessToken, user?, sessionExpiresAt? }`,
 * 401 `invalid_token` challenges, 401 on a refused refresh, `X-Requested-With`, DPoP, a reuse interval.
 *
 * @example
 * const client = createAuthClient({ baseURL: '/api', backend: defaultProfile }) // the same as leaving `backend` out
 */
export const defaultProfile: ResolvedBackendProfile = Object.freeze({
  endpoints: Object.freeze({ login: '/api/auth/login', refresh: '/api/auth/refresh', logout: '/api/auth/logout', signup: '/api/auth/signup' }),
  readTokenResponse(body: unknown): TokenResponse {
    const { accessToken, user, sessionExpiresAt } = record(body)
    return {
      accessToken: typeof accessToken === 'string' ? accessToken : '',
      user: readUser(user),
      sessionExpiresAt: readIsoTime(sessionExpiresAt),
    }
  },
  isTokenRejected: (response: ProfileResponse) =>
    response.status === 401 && isInvalidTokenChallenge({ 'www-authenticate': response.header('www-authenticate') ?? undefined }),
  isRefreshRefused: (response: ProfileResponse) => response.status === 401,
  authHeaders: Object.freeze({ 'X-Requested-With': 'XMLHttpRequest' }) as Record<string, string>,
  dpop: true,
  reuseInterval: true,
})

const ABSOLUTE_URL = /^https?:\/\/[^/]/i

function endpointProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return 'is missing (a path from the origin such as /auth/refresh, or a full URL)'
  if (!value.startsWith('/') && !ABSOLUTE_URL.test(value)) return `must be a path from the origin (starting with /) or a full http(s) URL, not ${JSON.stringify(value)}`
  if (value.startsWith('//')) return `must not be protocol-relative (${JSON.stringify(value)})`
  return null
}

/**
 * Checks a profile and fills in the defaults. Throws `BackendProfileError` naming the first field that is wrong:
 * never a silent fallback for what a backend cannot do without (`endpoints.login|refresh|logout`, `readTokenResponse`).
 *
 * @example
 * const profile = validateProfile(backend) // at createAuthClient, and when the mock or the conformance check loads one
 */
export function validateProfile(profile: unknown): ResolvedBackendProfile {
  const wrong = (field: string, problem: string): never => {
    throw new BackendProfileError(field, `The backend profile's ${field} ${problem}`)
  }
  if (typeof profile !== 'object' || profile === null) return wrong('profile', 'must be an object (a BackendProfile)')
  const given = profile as Record<string, unknown>
  if (typeof given.endpoints !== 'object' || given.endpoints === null) return wrong('endpoints', 'is missing (login, refresh, logout, and optionally signup and user)')
  const endpoints = given.endpoints as Record<string, unknown>
  for (const name of ['login', 'refresh', 'logout'] as const) {
    const problem = endpointProblem(endpoints[name])
    if (problem) wrong(`endpoints.${name}`, problem)
  }
  for (const name of ['signup', 'user'] as const) {
    const problem = endpoints[name] === undefined ? null : endpointProblem(endpoints[name])
    if (problem) wrong(`endpoints.${name}`, problem)
  }
  if (typeof given.readTokenResponse !== 'function') wrong('readTokenResponse', 'is missing: a function from a login, signup or refresh answer\'s body to { accessToken, expiresIn?, user?, sessionExpiresAt? }')
  for (const name of ['isTokenRejected', 'isRefreshRefused'] as const) {
    if (given[name] !== undefined && typeof given[name] !== 'function') wrong(name, 'must be a function of the response ({ status, header(name), body }) to a boolean')
  }
  for (const name of ['dpop', 'reuseInterval'] as const) {
    if (given[name] !== undefined && typeof given[name] !== 'boolean') wrong(name, 'must be true or false')
  }
  const { authHeaders } = given
  if (authHeaders !== undefined) {
    if (typeof authHeaders !== 'object' || authHeaders === null) wrong('authHeaders', 'must be an object of header names to strings')
    for (const [name, value] of Object.entries(authHeaders as object)) {
      if (typeof value !== 'string') wrong(`authHeaders.${name}`, 'must be a string')
    }
  }
  const fullProfile = given as unknown as BackendProfile
  return Object.freeze({
    endpoints: Object.freeze({ ...fullProfile.endpoints }),
    readTokenResponse: fullProfile.readTokenResponse.bind(fullProfile),
    isTokenRejected: fullProfile.isTokenRejected?.bind(fullProfile) ?? defaultProfile.isTokenRejected,
    isRefreshRefused: fullProfile.isRefreshRefused?.bind(fullProfile) ?? defaultProfile.isRefreshRefused,
    authHeaders: Object.freeze({ ...(fullProfile.authHeaders ?? defaultProfile.authHeaders) }),
    dpop: fullProfile.dpop ?? defaultProfile.dpop,
    reuseInterval: fullProfile.reuseInterval ?? defaultProfile.reuseInterval,
  })
}

/**
 * Runs the profile's `readTokenResponse` on an answer (`what`: `POST /auth/login`, …) and checks what it gave:
 * a non-empty `accessToken`, an `expiresIn` that is a positive number of seconds, a user with an `id`.
 * Throws `BackendProfileError` naming the field otherwise (a reader that throws is wrapped, its error as `cause`).
 *
 * @example
 * const { accessToken, expiresIn } = readTokenAnswer(profile, response.data, 'POST /auth/refresh')
 */
export function readTokenAnswer(profile: Pick<ResolvedBackendProfile, 'readTokenResponse'>, body: unknown, what: string): TokenResponse {
  let read: unknown
  try {
    read = profile.readTokenResponse(body)
  } catch (error) {
    throw new BackendProfileError('readTokenResponse', `The backend profile's readTokenResponse failed on the answer of ${what}: ${String(error)}`, { cause: error })
  }
  const answer = record(read)
  const fail = (field: string, problem: string): never => {
    throw new BackendProfileError(`readTokenResponse().${field}`, `The backend profile's readTokenResponse().${field}: ${problem} for the answer of ${what}`)
  }
  if (typeof answer.accessToken !== 'string' || answer.accessToken.trim() === '') {
    fail('accessToken', `no accessToken (the body's fields: ${Object.keys(record(body)).join(', ') || typeof body})`)
  }
  const { expiresIn, user, sessionExpiresAt } = answer
  if (expiresIn !== undefined && !(typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0)) {
    fail('expiresIn', `an expiresIn that is not a positive number of seconds (${JSON.stringify(expiresIn)})`)
  }
  const readUserValue = user === undefined || user === null ? undefined : readUser(user)
  if (user !== undefined && user !== null && !readUserValue) fail('user', 'a user without an id')
  if (sessionExpiresAt !== undefined && sessionExpiresAt !== null && !(typeof sessionExpiresAt === 'number' && Number.isFinite(sessionExpiresAt))) {
    fail('sessionExpiresAt', `a sessionExpiresAt that is not a time in ms (${JSON.stringify(sessionExpiresAt)})`)
  }
  return {
    accessToken: answer.accessToken as string,
    ...(expiresIn === undefined ? {} : { expiresIn: expiresIn as number }),
    ...(readUserValue ? { user: readUserValue } : {}),
    sessionExpiresAt: (sessionExpiresAt as number | null | undefined) ?? null,
  }
}

/**
 * Where a request for `endpoint` goes: a full URL as it is; a path from the origin joined to the origin of `apiBaseURL`
 * when that is a full URL (Node, tests), else left as a path (the browser resolves it against the page).
 *
 * @example
 * endpointURL('/auth/refresh', 'http://localhost:3000/api') // 'http://localhost:3000/auth/refresh'
 */
export function endpointURL(endpoint: string, apiBaseURL: string): string {
  if (ABSOLUTE_URL.test(endpoint)) return endpoint
  return ABSOLUTE_URL.test(apiBaseURL) ? new URL(apiBaseURL).origin + endpoint : endpoint
}
