import { BackendProfileError } from './errors'
import { isInvalidTokenChallenge, readStepUpChallenge } from './http'
import type { AuthCall, AuthErrorAnswer, AuthRequestBody, ProfileResponse, ResolvedBackendProfile, TokenResponse, User, UserResponse } from './types'

/*
 * The backend profile at run time: our contract as the default profile, the check of a profile given to
 * `createAuthClient` (or loaded by the mock or the conformance check), the writing of an auth call's body and the
 * reading of a token or error answer through one. The profile's types are in `types.ts`, its error
 * (`BackendProfileError`) in `errors.ts`; the package README's "Backend profiles" explains each field.
 */

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
}

/**
 * A user object with at least an `id`, or OpenID Connect's `sub` (a userinfo answer); email and name default to empty
 * strings.
 */
export function readUser(value: unknown): User | undefined {
  const fields = record(value)
  const id = typeof fields.id === 'string' || typeof fields.id === 'number' ? fields.id : typeof fields.sub === 'string' ? fields.sub : undefined
  if (id === undefined) return undefined
  const { email, name } = fields
  return { ...fields, id: String(id), email: typeof email === 'string' ? email : '', name: typeof name === 'string' ? name : '' } as User
}

/** A body's field names, for a message (`access_token, expires_in`), or its type when it has none. */
const fieldsOf = (body: unknown) => Object.keys(record(body)).join(', ') || typeof body

/** `sessionExpiresAt` as an ISO time on the server's clock, in ms; `null` when absent or unreadable. */
function readIsoTime(value: unknown): number | null {
  if (typeof value !== 'string') return null
  const ms = Date.parse(value)
  return Number.isFinite(ms) ? ms : null
}

/** The contract's request bodies: JSON, the fields the person typed, `{}` for refresh and logout. */
function contractRequest(call: AuthCall): AuthRequestBody {
  switch (call.endpoint) {
    case 'login':
      return { email: call.email, password: call.password }
    case 'signup':
      return { email: call.email, name: call.name, password: call.password }
    case 'reauthenticate':
      return { password: call.password }
    default:
      return {}
  }
}

/** The contract's `{ error, message }`, and OAuth's `{ error, error_description }` (RFC 6749 §5.2). */
function contractError(response: ProfileResponse): AuthErrorAnswer | null {
  const { error, message, error_description: description } = record(response.body)
  const sentence = typeof message === 'string' ? message : typeof description === 'string' ? description : undefined
  return { ...(typeof error === 'string' ? { code: error } : {}), ...(sentence === undefined ? {} : { message: sentence }) }
}

/**
 * The README's server contract (in the silent-refresh repository, docs/api-contract.md, Part 1): `/api/auth/*`, `{ accessToken, user?, sessionExpiresAt? }`,
 * 401 `invalid_token` challenges, RFC 9470 step-up challenges (`insufficient_user_authentication`), 401 on a refused refresh, `X-Requested-With`, DPoP, a reuse interval.
 *
 * @example
 * const client = createAuthClient({ baseURL: '/api', backend: defaultProfile }) // the same as leaving `backend` out
 */
export const defaultProfile: ResolvedBackendProfile = Object.freeze({
  endpoints: Object.freeze({ login: '/api/auth/login', refresh: '/api/auth/refresh', logout: '/api/auth/logout', signup: '/api/auth/signup', reauthenticate: '/api/auth/reauthenticate' }),
  methods: Object.freeze({ login: 'POST', signup: 'POST', refresh: 'POST', logout: 'POST', reauthenticate: 'POST', user: 'GET' }),
  readTokenResponse(body: unknown): TokenResponse {
    const { accessToken, user, sessionExpiresAt } = record(body)
    return {
      accessToken: typeof accessToken === 'string' ? accessToken : '',
      user: readUser(user),
      sessionExpiresAt: readIsoTime(sessionExpiresAt),
    }
  },
  readUserResponse: (body: unknown): UserResponse => readUser(body) ?? { id: '' },
  isTokenRejected: (response: ProfileResponse) =>
    response.status === 401 && isInvalidTokenChallenge({ 'www-authenticate': response.header('www-authenticate') ?? undefined }),
  isRefreshRefused: (response: ProfileResponse) => response.status === 401,
  isStepUpRequired: (response: ProfileResponse) => (response.status === 401 ? readStepUpChallenge(response.header('www-authenticate')) : null),
  writeRequest: contractRequest,
  readError: contractError,
  // Only the contract's own answer: a captive portal's 200 page or a proxy's 404 may never have reached the server.
  isLogoutConfirmed: (response: ProfileResponse) => response.status === 204,
  authHeaders: Object.freeze({ 'X-Requested-With': 'XMLHttpRequest' }) as Record<string, string>,
  dpop: true,
  reuseInterval: true,
})

/** Runs one of the profile's functions: one that throws is a `BackendProfileError` naming it, its error as `cause`. */
function runProfile<T>(field: string, what: string, run: () => T): T {
  try {
    return run()
  } catch (error) {
    throw new BackendProfileError(field, `The backend profile's ${field} failed on ${what}: ${String(error)}`, { cause: error })
  }
}

/** The Levenshtein distance of two names: how far a misspelt field is from one the profile has. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 0; i < a.length; i++) {
    const next = [i + 1]
    for (let j = 0; j < b.length; j++) next.push(Math.min(row[j + 1]! + 1, next[j]! + 1, row[j]! + (a[i] === b[j] ? 0 : 1)))
    row = next
  }
  return row[b.length]!
}

/** Refuses a field `given` has and `known` does not, naming the nearest known one when it is close (a typo). */
function refuseUnknown(given: object, known: readonly string[], prefix = ''): void {
  for (const key of Object.keys(given)) {
    if (known.includes(key)) continue
    // Close enough to be a typo: two edits, or a quarter of a long name.
    let near = ''
    let best = Math.max(2, key.length >> 2) + 1
    for (const name of known) {
      const edits = distance(key, name)
      if (edits < best) [best, near] = [edits, name]
    }
    const hint = near ? `did you mean ${prefix}${near}?` : `the fields there are: ${known.join(', ')}`
    throw new BackendProfileError(prefix + key, `The backend profile has no field ${prefix}${key} (${hint})`)
  }
}

const ENDPOINTS = ['login', 'refresh', 'logout', 'signup', 'user', 'reauthenticate'] as const
const MOCK_FIELDS = ['tokenAnswer', 'tokenRejected', 'refreshRefused', 'errorAnswer', 'logoutAnswer', 'userAnswer', 'refreshCookie', 'accessTokens']

function endpointProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return 'is missing (a path from the origin such as /auth/refresh, or a full URL)'
  if (!value.startsWith('/') && !/^https?:\/\/[^/]/i.test(value)) return `must be a path from the origin (starting with /) or a full http(s) URL, not ${JSON.stringify(value)}`
  if (value.startsWith('//')) return `must not be protocol-relative (${JSON.stringify(value)})`
  return null
}

/**
 * Checks a profile and fills in the defaults. Throws `BackendProfileError` naming the first field that is wrong:
 * never a silent fallback for what a backend cannot do without (`endpoints.login|refresh|logout`, `readTokenResponse`),
 * nor a field no profile has (`readTokenRespones`, `endpoints.referesh`, `mock.tokenAnwser`: named, with the nearest
 * field it has), which would otherwise be ignored and its default used.
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
  refuseUnknown(given, [...Object.keys(defaultProfile), 'mock'])
  if (typeof given.endpoints !== 'object' || given.endpoints === null) return wrong('endpoints', 'is missing (login, refresh, logout, and optionally signup and user)')
  const endpoints = given.endpoints as Record<string, unknown>
  refuseUnknown(endpoints, ENDPOINTS, 'endpoints.')
  ENDPOINTS.forEach((name, index) => {
    // login, refresh and logout are required; the others only checked when given.
    const problem = index > 2 && endpoints[name] === undefined ? null : endpointProblem(endpoints[name])
    if (problem) wrong(`endpoints.${name}`, problem)
  })
  const { methods = {}, mock } = given
  if (typeof methods !== 'object' || methods === null) wrong('methods', 'must be an object of auth calls to HTTP methods')
  refuseUnknown(methods as object, ENDPOINTS, 'methods.')
  for (const [name, method] of Object.entries(methods as object)) {
    // A GET carries no body: only the user endpoint's call has none to send.
    if (!['POST', 'PUT', 'PATCH', 'DELETE', name === 'user' && 'GET'].includes(method)) {
      wrong(`methods.${name}`, `must be 'POST', 'PUT', 'PATCH', 'DELETE' or 'GET' (GET sends no body: the user endpoint's only), not ${JSON.stringify(method)}`)
    }
  }
  if (mock !== undefined) {
    if (typeof mock !== 'object' || mock === null) wrong('mock', 'must be an object')
    refuseUnknown(mock as object, MOCK_FIELDS, 'mock.')
  }
  if (typeof given.readTokenResponse !== 'function') wrong('readTokenResponse', 'is missing: a function from a login, signup or refresh answer\'s body to { accessToken, expiresIn?, expiresAt?, user?, sessionExpiresAt? }')
  if (given.readUserResponse !== undefined && typeof given.readUserResponse !== 'function') wrong('readUserResponse', "must be a function from the user endpoint's body to { id, email?, name? }")
  for (const name of ['isTokenRejected', 'isRefreshRefused', 'isLogoutConfirmed'] as const) {
    if (given[name] !== undefined && typeof given[name] !== 'function') wrong(name, 'must be a function of the response ({ status, header(name), body }) to a boolean')
  }
  if (given.isStepUpRequired !== undefined && typeof given.isStepUpRequired !== 'function') {
    wrong('isStepUpRequired', 'must be a function of the response ({ status, header(name), body }) to { maxAge?, acrValues? } or null')
  }
  if (given.writeRequest !== undefined && typeof given.writeRequest !== 'function') {
    wrong('writeRequest', 'must be a function of the auth call ({ endpoint, … }) to a plain object (JSON) or a URLSearchParams (a form)')
  }
  if (given.readError !== undefined && typeof given.readError !== 'function') {
    wrong('readError', 'must be a function of the response ({ status, header(name), body }) to { code?, message? } or null')
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
  // Every field the profile gives (its functions bound to it), the default's for the rest; `mock` is the kit's.
  const resolved: Record<string, unknown> = { ...defaultProfile }
  for (const name in defaultProfile) {
    const value = given[name]
    if (value !== undefined) resolved[name] = typeof value === 'function' ? value.bind(given) : value
  }
  return Object.freeze({ ...resolved, endpoints: Object.freeze({ ...endpoints }), methods: Object.freeze({ ...defaultProfile.methods, ...(methods as object) }), authHeaders: Object.freeze({ ...(resolved.authHeaders as object) }) }) as unknown as ResolvedBackendProfile
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
  const read = runProfile('readTokenResponse', `the answer of ${what}`, () => profile.readTokenResponse(body))
  const answer = record(read)
  const fail = (field: string, problem: string): never => {
    throw new BackendProfileError(`readTokenResponse().${field}`, `The backend profile's readTokenResponse().${field}: ${problem} for the answer of ${what}`)
  }
  if (typeof answer.accessToken !== 'string' || answer.accessToken.trim() === '') {
    fail('accessToken', `no accessToken (the body's fields: ${fieldsOf(body)})`)
  }
  const { expiresIn, expiresAt, user, sessionExpiresAt } = answer
  if (expiresIn !== undefined && !(typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0)) {
    fail('expiresIn', `an expiresIn that is not a positive number of seconds (${JSON.stringify(expiresIn)})`)
  }
  if (expiresAt !== undefined && !(typeof expiresAt === 'number' && Number.isFinite(expiresAt) && expiresAt > 0)) {
    fail('expiresAt', `an expiresAt that is not a time in ms (${JSON.stringify(expiresAt)})`)
  }
  const readUserValue = user === undefined || user === null ? undefined : readUser(user)
  if (user !== undefined && user !== null && !readUserValue) fail('user', 'a user without an id')
  if (sessionExpiresAt !== undefined && sessionExpiresAt !== null && !(typeof sessionExpiresAt === 'number' && Number.isFinite(sessionExpiresAt))) {
    fail('sessionExpiresAt', `a sessionExpiresAt that is not a time in ms (${JSON.stringify(sessionExpiresAt)})`)
  }
  return {
    accessToken: answer.accessToken as string,
    ...(expiresIn === undefined ? {} : { expiresIn: expiresIn as number }),
    ...(expiresAt === undefined ? {} : { expiresAt: expiresAt as number }),
    ...(readUserValue ? { user: readUserValue } : {}),
    sessionExpiresAt: (sessionExpiresAt as number | null | undefined) ?? null,
  }
}

/**
 * Runs the profile's `readUserResponse` on the user endpoint's answer (`what`: `GET /auth/me`) and checks it: a user
 * with an `id` (a number made a string; `email` and `name` empty when absent; its other fields kept). Throws
 * `BackendProfileError` naming `readUserResponse().id` otherwise (a reader that throws is wrapped, its error as `cause`).
 *
 * @example
 * const user = readUserAnswer(profile, response.data, 'GET /auth/me') // { id: '7', email: 'a@x', name: 'Ada L' }
 */
export function readUserAnswer(profile: Pick<ResolvedBackendProfile, 'readUserResponse'>, body: unknown, what: string): User {
  const user = readUser(runProfile('readUserResponse', `the answer of ${what}`, () => profile.readUserResponse(body)))
  if (!user?.id) throw new BackendProfileError('readUserResponse().id', `The backend profile's readUserResponse().id: no id for the answer of ${what} (the body's fields: ${fieldsOf(body)})`)
  return user
}

/** An auth call's body as axios sends it: a plain object as JSON, a `URLSearchParams` as a form, with its content type. */
export interface EncodedAuthBody {
  data: Record<string, unknown> | string
  contentType: string
}

/**
 * Writes `call`'s body through the profile's `writeRequest` and checks it: a plain object (JSON) or a
 * `URLSearchParams` (a form). Throws `BackendProfileError` naming `writeRequest` otherwise (a writer that throws is
 * wrapped, its error as `cause`).
 *
 * @example
 * const { data, contentType } = encodeAuthRequest(profile, { endpoint: 'refresh' })
 * await authHttp.post(url, data, { headers: { 'Content-Type': contentType } })
 */
export function encodeAuthRequest(profile: Pick<ResolvedBackendProfile, 'writeRequest'>, call: AuthCall): EncodedAuthBody {
  const body: unknown = runProfile('writeRequest', `the ${call.endpoint} call`, () => profile.writeRequest(call))
  if (body instanceof URLSearchParams) return { data: body.toString(), contentType: 'application/x-www-form-urlencoded;charset=UTF-8' }
  const prototype = typeof body === 'object' && body !== null ? Object.getPrototypeOf(body) : undefined
  if (prototype !== Object.prototype && prototype !== null) {
    throw new BackendProfileError('writeRequest', `The backend profile's writeRequest must return a plain object (JSON) or a URLSearchParams (a form) for the ${call.endpoint} call, not ${describeValue(body)}`)
  }
  return { data: body as Record<string, unknown>, contentType: 'application/json' }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value !== 'object') return typeof value
  return (value as object).constructor?.name ?? 'an object'
}

/**
 * A failed auth answer's code and sentence, through the profile's `readError`: `{}` when it reads nothing. A reader
 * that throws is a `BackendProfileError` naming `readError`.
 *
 * @example
 * const { code = 'unknown', message } = readErrorAnswer(profile, { status: 401, header: () => null, body })
 */
export function readErrorAnswer(profile: Pick<ResolvedBackendProfile, 'readError'>, response: ProfileResponse): AuthErrorAnswer {
  const read = runProfile('readError', `a ${response.status} answer`, () => profile.readError(response))
  const { code, message } = record(read)
  return { ...(typeof code === 'string' && code !== '' ? { code } : {}), ...(typeof message === 'string' && message !== '' ? { message } : {}) }
}
