import {
  BackendProfileError,
  defaultProfile,
  encodeAuthRequest,
  readErrorAnswer,
  readTokenAnswer,
  readUserAnswer,
  validateProfile,
  type AuthCall,
  type BackendProfile,
  type MockTokenAnswer,
  type ProfileResponse,
  type ResolvedBackendProfile,
} from 'silent-refresh'
import type { MockConfig } from '../core/config'
import type { IssuedTokens } from '../core/sessions'
import { decodeJwt } from 'jose'
import { toOpaqueToken } from '../core/tokens'
import { ApiError, invalidRequest } from './api-error'
import { readFormObject, readJsonObject } from './json-body'
import { errorJson, json, noContent } from './responses'

/**
 * How the mock writes: where its auth endpoints are, the token answers' body, the refused-refresh and rejected-token
 * answers, the refresh cookie, the CSRF header it requires. Made from a backend profile (`mockDialect(profile)`), so a
 * team that switches its profile develops against a mock that answers like its server; without one, this project's
 * contract, exactly as the mock always wrote it.
 */
export interface MockDialect {
  /** Whether this is the contract's own dialect (the mock's behaviour unchanged). */
  readonly contract: boolean
  /** The auth endpoints' paths, each a path from the origin (a profile's full URL is cut to its path). */
  readonly paths: { login: string; signup: string | null; refresh: string; logout: string; user: string | null; reauthenticate: string }
  /**
   * The method each auth endpoint answers (the profile's `methods`: `POST`, `GET` for the user endpoint, by default). A
   * refresh and a logout at one path are told apart by it; another method at an auth path is 405 with `Allow`.
   */
  readonly methods: ResolvedBackendProfile['methods']
  readonly cookieName: string
  /** `Set-Cookie` for a refresh token, and for clearing it. */
  refreshCookie(token: string, maxAgeSeconds: number): string
  clearedRefreshCookie(): string
  /** The body of a login or signup (with the user) or refresh answer. */
  tokenBody(tokens: IssuedTokens, expiresIn: number, user?: MockTokenAnswer['user']): unknown
  /** The body of the profile's user endpoint's answer (`endpoints.user`): the contract's user as it is, or `mock.userAnswer`'s. */
  userBody(user: MockUser): unknown
  /** Refuses a request without the dialect's CSRF header(s) (403 `csrf_check_failed`); nothing for a dialect without one. */
  requireAuthHeaders(request: Request): void
  /** A refresh refusal in the dialect (the cookie cleared), from the contract's `invalid_refresh_token` refusal. */
  refreshRefused(refusal: ApiError): Response
  /** The answer to a logout, with `headers` (the cleared cookie): the contract's 204, or the profile's `mock.logoutAnswer`. */
  logoutAnswer(headers: Record<string, string>): Response
  /** An API request's refusal: a rejected access token in the dialect's shape, anything else as the contract's JSON error. */
  rejection(error: ApiError): Response
  /**
   * Reads a login's, signup's or step-up's body into the contract's fields (`email`, `password`, `name`): the contract's
   * JSON as it is; a profile's `writeRequest` shape (a form, other field names, a `grant_type`) mapped back. 415, 413
   * and 400 as for the contract's JSON.
   */
  readCall(request: Request, endpoint: 'login' | 'signup' | 'reauthenticate'): Promise<Record<string, unknown>>
  /**
   * Whether `request` is `endpoint`'s, at a path two of the profile's endpoints share (an OAuth token endpoint): the
   * fixed fields its `writeRequest` writes (`grant_type`) decide; a body that is none of them is the first one's, which
   * refuses it. Always true at a path of one endpoint.
   */
  claims(request: Request, endpoint: string): Promise<boolean>
  /** The mock's config the dialect asks for: DPoP off for a backend without it, no reuse interval without one. */
  readonly config: Partial<MockConfig>
}

/** The kit's user as its user endpoint writes it (`userJson`). */
type MockUser = NonNullable<MockTokenAnswer['user']>

const CONTRACT_COOKIE = { name: 'refresh_token', path: '/api/auth' }
const CONTRACT_HEADERS: Record<string, string> = { 'X-Requested-With': 'XMLHttpRequest' }
const TOKEN_REJECTION_CODES = new Set(['invalid_token', 'unauthorized'])

function contractTokenBody(answer: Omit<MockTokenAnswer, 'expiresAt'>): unknown {
  return { accessToken: answer.accessToken, tokenType: answer.tokenType, sessionExpiresAt: answer.sessionExpiresAt, ...(answer.user ? { user: answer.user } : {}) }
}

const pathOf = (endpoint: string) => (/^https?:\/\//i.test(endpoint) ? new URL(endpoint).pathname : endpoint)

function cookieWriter({ name, path }: { name: string; path: string }) {
  const attributes = `HttpOnly; Secure; SameSite=Strict; Path=${path}`
  return {
    refreshCookie: (token: string, maxAge: number) => `${name}=${token}; ${attributes}; Max-Age=${maxAge}`,
    clearedRefreshCookie: () => `${name}=; ${attributes}; Max-Age=0`,
  }
}

function requireHeaders(headers: Record<string, string>) {
  const entries = Object.entries(headers)
  return (request: Request) => {
    for (const [name, value] of entries) {
      if (request.headers.get(name) !== value) throw new ApiError(403, 'csrf_check_failed', `This endpoint needs the header ${name}: ${value}`)
    }
  }
}

/** This project's contract: the mock as it always was. */
export const contractDialect: MockDialect = Object.freeze({
  contract: true,
  paths: Object.freeze({ login: '/api/auth/login', signup: '/api/auth/signup', refresh: '/api/auth/refresh', logout: '/api/auth/logout', user: null, reauthenticate: '/api/auth/reauthenticate' }),
  methods: defaultProfile.methods,
  cookieName: CONTRACT_COOKIE.name,
  ...cookieWriter(CONTRACT_COOKIE),
  tokenBody: (tokens: IssuedTokens, expiresIn: number, user?: MockTokenAnswer['user']) => contractTokenBody({ ...tokens, expiresIn, user }),
  userBody: (user: MockUser) => user,
  requireAuthHeaders: requireHeaders(CONTRACT_HEADERS),
  refreshRefused: (refusal: ApiError) => errorJson(refusal.status, refusal.code, refusal.message, refusal.headers),
  rejection: (error: ApiError) => errorJson(error.status, error.code, error.message, error.headers),
  logoutAnswer: (headers: Record<string, string>) => noContent(headers),
  readCall: (request: Request) => readJsonObject(request),
  claims: async () => true,
  config: Object.freeze({}),
})

type CallEndpoint = AuthCall['endpoint']
type TypedField = 'email' | 'password' | 'name'

/** How a profile's `writeRequest` writes one endpoint's body, learnt from a sample call: which field carries what. */
interface RequestShape {
  endpoint: CallEndpoint
  format: 'json' | 'form'
  /** The body's field → what the person typed that it carries. */
  carries: Map<string, TypedField>
  /** The body's fields with a fixed value (`grant_type`), as JSON text. */
  fixed: Map<string, string>
}

const SAMPLE_TYPED: Record<TypedField, string> = { email: 'mock-sample-email@example.com', password: 'mock-sample-password', name: 'mock-sample-name' }
/** What each call must carry for the mock to act on it (a signup's name may be left out by a backend). */
const REQUIRED: Record<CallEndpoint, TypedField[]> = { login: ['email', 'password'], signup: ['email', 'password'], reauthenticate: ['password'], refresh: [], logout: [] }

function sampleCall(endpoint: CallEndpoint): AuthCall {
  if (endpoint === 'login') return { endpoint, email: SAMPLE_TYPED.email, password: SAMPLE_TYPED.password }
  if (endpoint === 'signup') return { endpoint, email: SAMPLE_TYPED.email, name: SAMPLE_TYPED.name, password: SAMPLE_TYPED.password }
  if (endpoint === 'reauthenticate') return { endpoint, password: SAMPLE_TYPED.password }
  return { endpoint }
}

/** Learns one endpoint's body from the profile's `writeRequest`: a field whose value is a sample carries it, any other is fixed. */
function learnShape(profile: ResolvedBackendProfile, endpoint: CallEndpoint): RequestShape {
  const { data, contentType } = encodeAuthRequest(profile, sampleCall(endpoint))
  const format = contentType.startsWith('application/json') ? 'json' : 'form'
  const fields: Record<string, unknown> = typeof data === 'string' ? Object.fromEntries(new URLSearchParams(data)) : data
  const carries = new Map<string, TypedField>()
  const fixed = new Map<string, string>()
  for (const [field, value] of Object.entries(fields)) {
    const typed = (Object.keys(SAMPLE_TYPED) as TypedField[]).find((name) => SAMPLE_TYPED[name] === value)
    if (typed) carries.set(field, typed)
    else fixed.set(field, JSON.stringify(value))
  }
  for (const typed of REQUIRED[endpoint]) {
    if (![...carries.values()].includes(typed)) {
      misuse('writeRequest', `writes a ${endpoint} body that does not carry the ${typed} as given in a field of its own (the testing kit reads the body's top-level fields back; it wrote ${JSON.stringify(fields)})`)
    }
  }
  return { endpoint, format, carries, fixed }
}

/** The body's top-level fields, read as the shape's format says (415, 413, 400 as for the contract). */
async function readShaped(request: Request, shape: RequestShape): Promise<Record<string, unknown>> {
  return shape.format === 'form' ? readFormObject(request) : readJsonObject(request)
}

const fixedFieldsMatch = (shape: RequestShape, fields: Record<string, unknown>) =>
  [...shape.fixed].every(([field, value]) => Object.hasOwn(fields, field) && JSON.stringify(fields[field]) === value)

/** The mock's readers for a profile's request bodies (`writeRequest`), or the contract's JSON when it has none. */
function requestReaders(profile: ResolvedBackendProfile, given: BackendProfile, paths: MockDialect['paths']): Pick<MockDialect, 'readCall' | 'claims'> {
  if (given.writeRequest === undefined) return { readCall: (request) => readJsonObject(request), claims: async () => true }
  // The endpoints the profile names (the mock's step-up at the contract's path reads the contract's JSON otherwise).
  const endpoints: CallEndpoint[] = ['login', 'refresh', 'logout']
  if (profile.endpoints.signup !== undefined) endpoints.push('signup')
  if (profile.endpoints.reauthenticate !== undefined) endpoints.push('reauthenticate')
  const shapes = new Map(endpoints.map((endpoint) => [endpoint, learnShape(profile, endpoint)]))
  // A route is a method and a path: a PUT refresh and a DELETE logout at one path share nothing.
  const routeOf = (endpoint: CallEndpoint) => `${profile.methods[endpoint]} ${paths[endpoint]!}`
  // The endpoints at each route, in the order above: a body none of them claims is the first one's to refuse.
  const sharing = new Map<string, CallEndpoint[]>()
  for (const endpoint of endpoints) sharing.set(routeOf(endpoint), [...(sharing.get(routeOf(endpoint)) ?? []), endpoint])
  for (const [path, sharers] of sharing) {
    if (sharers.length < 2) continue
    const fixed = sharers.map((endpoint) => JSON.stringify([...shapes.get(endpoint)!.fixed]))
    if (new Set(fixed).size !== fixed.length) {
      misuse('writeRequest', `writes the same fixed fields for ${sharers.join(' and ')}, which share ${path}: the mock cannot tell them apart (an OAuth token endpoint tells them by grant_type)`)
    }
  }
  return {
    async readCall(request, endpoint) {
      const shape = shapes.get(endpoint)
      if (!shape) return readJsonObject(request)
      const fields = await readShaped(request, shape)
      if (!fixedFieldsMatch(shape, fields)) {
        throw invalidRequest(`This ${endpoint} request must carry ${[...shape.fixed].map(([field, value]) => `${field}=${value}`).join(', ')}`)
      }
      const read: Record<string, unknown> = {}
      const missing: string[] = []
      for (const [field, typed] of shape.carries) {
        if (Object.hasOwn(fields, field)) read[typed] = fields[field]
        else if (REQUIRED[endpoint].includes(typed)) missing.push(field)
      }
      // Named as the profile's body names them (`username`), not as the contract's fields.
      if (missing.length > 0) throw invalidRequest(`Invalid request: ${missing.map((field) => `${field} is required`).join('; ')}`)
      // A backend whose signup takes no name: the mock's user gets the email's local part.
      if (endpoint === 'signup' && ![...shape.carries.values()].includes('name') && typeof read.email === 'string') read.name = read.email.split('@')[0]
      return read
    },
    async claims(request, endpoint) {
      const sharers = sharing.get(`${request.method} ${new URL(request.url).pathname}`)
      if (!sharers || sharers.length < 2) return true
      let fields: Record<string, unknown> = {}
      try {
        fields = await readShaped(request.clone(), shapes.get(sharers[0]!)!)
      } catch {
        // Unreadable: the first endpoint's, which says why.
      }
      // The most specific shape first: a body matching a refresh's one fixed field may match a login's none.
      const ordered = [...sharers].sort((a, b) => shapes.get(b)!.fixed.size - shapes.get(a)!.fixed.size)
      return (ordered.find((sharer) => fixedFieldsMatch(shapes.get(sharer)!, fields)) ?? sharers[0]) === endpoint
    },
  }
}

function misuse(field: string, problem: string): never {
  throw new BackendProfileError(field, `The backend profile's ${field} ${problem}`)
}

function answerShape(value: unknown, field: string): { status: number; body: unknown; headers: Record<string, string> } | undefined {
  if (value === undefined) return undefined
  const given = value as { status?: unknown; body?: unknown; headers?: unknown }
  if (typeof value !== 'object' || value === null) misuse(field, 'must be an object { status, body, headers? }')
  if (typeof given.status !== 'number' || !Number.isInteger(given.status) || given.status < 400 || given.status > 599) misuse(`${field}.status`, 'must be an HTTP error status (400-599)')
  if (given.headers !== undefined && (typeof given.headers !== 'object' || given.headers === null)) misuse(`${field}.headers`, 'must be an object of header names to strings')
  return { status: given.status, body: given.body, headers: { ...(given.headers as Record<string, string> | undefined) } }
}

/** `mock.logoutAnswer`: a 2xx status, an optional body and headers. */
function logoutShape(value: unknown): { status: number; body: unknown; headers: Record<string, string> } | undefined {
  if (value === undefined) return undefined
  const given = value as { status?: unknown; body?: unknown; headers?: unknown }
  if (typeof value !== 'object' || value === null) misuse('mock.logoutAnswer', 'must be an object { status, body?, headers? }')
  if (typeof given.status !== 'number' || !Number.isInteger(given.status) || given.status < 200 || given.status > 299) misuse('mock.logoutAnswer.status', 'must be a 2xx status')
  if (given.headers !== undefined && (typeof given.headers !== 'object' || given.headers === null)) misuse('mock.logoutAnswer.headers', 'must be an object of header names to strings')
  return { status: given.status, body: given.body, headers: { ...(given.headers as Record<string, string> | undefined) } }
}

function asProfileResponse(status: number, body: unknown, headers: Record<string, string>): ProfileResponse {
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
  return { status, body, header: (name) => lower.get(name.toLowerCase()) ?? null }
}

const SAMPLE: MockTokenAnswer = {
  accessToken: 'mock-self-check-token',
  tokenType: 'Bearer',
  expiresIn: 3600,
  expiresAt: '2026-01-01T01:00:00.000Z',
  user: { id: 'mock-self-check-user', email: 'self-check@example.com', name: 'Self Check', createdAt: '2026-01-01T00:00:00.000Z' },
  sessionExpiresAt: '2026-01-15T00:00:00.000Z',
}

/**
 * The self-check's round trip: what the mock's `writer` writes for `sample`, the profile's `reader` must read.
 * A `BackendProfileError` naming the writer (it threw) or the reader's field (it could not read it) otherwise.
 */
function readBack<S, R>(sample: S, write: (sample: S) => unknown, read: (written: unknown) => R, names: { writer: string; reader: string; what: string }): R {
  let written: unknown
  try {
    written = write(sample)
  } catch (error) {
    throw new BackendProfileError(names.writer, `The backend profile's ${names.writer} failed on a sample ${names.what}: ${String(error)}`, { cause: error })
  }
  try {
    return read(written)
  } catch (error) {
    const field = error instanceof BackendProfileError ? error.field : names.reader
    throw new BackendProfileError(field, `The mock writes ${names.what}s its profile does not read: ${(error as Error).message}. Make ${names.writer} write what ${names.reader} reads (the README's "Backend profiles").`, { cause: error })
  }
}

/**
 * The self-check of the user endpoint's answer: the profile's `readUserResponse` must read back the sample user
 * `mock.userAnswer` (or the contract's `{ id, email, name, createdAt }`) writes, its `id`, and its `email` and `name`
 * where it reads them at all (a backend may name no one). `BackendProfileError` naming the field otherwise.
 */
function checkUserAnswer(profile: ResolvedBackendProfile, writeUser: (user: MockUser) => unknown): void {
  const sample = SAMPLE.user!
  const read = readBack(sample, writeUser, (written) => readUserAnswer(profile, written, "the mock's user answer (mock.userAnswer)"), { writer: 'mock.userAnswer', reader: 'readUserResponse', what: 'user answer' })
  for (const field of ['id', 'email', 'name'] as const) {
    if (read[field] !== sample[field] && (field === 'id' || read[field] !== '')) {
      misuse('mock.userAnswer', `writes the user's ${field} where readUserResponse does not read it back (it read ${JSON.stringify(read[field])} for ${JSON.stringify(sample[field])})`)
    }
  }
}

/**
 * The mock's dialect for a backend profile: its endpoints, its `mock` part (the package README's "Backend profiles"), its `authHeaders`, `dpop`
 * and `reuseInterval`. No profile, or `defaultProfile`, is the contract, unchanged. Checks at once that the profile
 * reads what the mock will write (its `readTokenResponse` reads `mock.tokenAnswer`'s body, its `readUserResponse`
 * `mock.userAnswer`'s; `isTokenRejected` and `isRefreshRefused` say yes to `mock.tokenRejected` and
 * `mock.refreshRefused`): a `BackendProfileError` naming the field otherwise, before any request.
 *
 * @example
 * const dialect = mockDialect(expressTypical) // examples/express-typical/profile.ts: /auth/*, snake_case, cookie jid
 */
export function mockDialect(profile?: BackendProfile): MockDialect {
  if (profile === undefined || profile === defaultProfile) return contractDialect
  const resolved = validateProfile(profile)
  // validateProfile has refused a `mock` that is not an object, and any field of it the kit does not know.
  const mock = profile.mock
  if (mock?.accessTokens !== undefined && mock.accessTokens !== 'jwt' && mock.accessTokens !== 'opaque') misuse('mock.accessTokens', "must be 'jwt' or 'opaque'")
  const opaque = mock?.accessTokens === 'opaque'
  if (mock?.tokenAnswer !== undefined && typeof mock.tokenAnswer !== 'function') misuse('mock.tokenAnswer', 'must be a function from { accessToken, tokenType, expiresIn, expiresAt, user?, sessionExpiresAt } to the answer\'s body')
  if (mock?.errorAnswer !== undefined && typeof mock.errorAnswer !== 'function') misuse('mock.errorAnswer', 'must be a function from { status, code, message } to { status, body, headers? }')
  if (mock?.userAnswer !== undefined && typeof mock.userAnswer !== 'function') misuse('mock.userAnswer', "must be a function from { id, email, name, createdAt } to the user endpoint's body")
  if (mock?.userAnswer !== undefined && resolved.endpoints.user === undefined) misuse('mock.userAnswer', 'writes the answer of a user endpoint the profile does not have: give endpoints.user, or leave mock.userAnswer out')
  const errorAnswer = mock?.errorAnswer ? (error: ApiError) => answerShape(mock.errorAnswer!({ status: error.status, code: error.code, message: error.message }), 'mock.errorAnswer()')! : null
  const tokenRejected = answerShape(mock?.tokenRejected, 'mock.tokenRejected')
  const logoutAnswer = logoutShape(mock?.logoutAnswer)
  const refreshRefused = answerShape(mock?.refreshRefused, 'mock.refreshRefused')
  const cookie = mock?.refreshCookie ?? CONTRACT_COOKIE
  if (typeof cookie !== 'object' || cookie === null || typeof cookie.name !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(cookie.name)) misuse('mock.refreshCookie.name', 'must be a cookie name')
  if (typeof cookie.path !== 'string' || !cookie.path.startsWith('/')) misuse('mock.refreshCookie.path', 'must be a path starting with /')
  const writeToken = mock?.tokenAnswer ? mock.tokenAnswer.bind(mock) : contractTokenBody

  // The self-check: what the mock writes, the profile must read.
  const read = readBack(SAMPLE, writeToken, (written) => readTokenAnswer(resolved, written, "the mock's token answer (mock.tokenAnswer)"), { writer: 'mock.tokenAnswer', reader: 'readTokenResponse', what: 'token answer' })
  if (opaque && read.expiresIn === undefined && read.expiresAt === undefined) {
    misuse('readTokenResponse().expiresIn', `gives no expiresIn (or expiresAt) for mock.tokenAnswer's answer, and with mock.accessTokens 'opaque' the client cannot read the token's exp: make tokenAnswer write the lifetime and readTokenResponse read it`)
  }
  if (read.expiresAt !== undefined && read.expiresAt !== Date.parse(SAMPLE.expiresAt)) {
    misuse('readTokenResponse().expiresAt', `reads ${read.expiresAt} where mock.tokenAnswer wrote expiresAt ${SAMPLE.expiresAt} (${Date.parse(SAMPLE.expiresAt)} ms): read it as ms since the epoch (Date.parse)`)
  }
  if (read.accessToken !== SAMPLE.accessToken) misuse('mock.tokenAnswer', `writes the access token where readTokenResponse does not read it (read ${JSON.stringify(read.accessToken)})`)
  const writeUser = mock?.userAnswer ? mock.userAnswer.bind(mock) : contractDialect.userBody
  if (resolved.endpoints.user !== undefined) checkUserAnswer(resolved, writeUser)
  if (tokenRejected && !resolved.isTokenRejected(asProfileResponse(tokenRejected.status, tokenRejected.body, tokenRejected.headers))) {
    misuse('mock.tokenRejected', `is an answer the profile's isTokenRejected does not call a rejection (status ${tokenRejected.status})`)
  }
  if (refreshRefused && !resolved.isRefreshRefused(asProfileResponse(refreshRefused.status, refreshRefused.body, refreshRefused.headers))) {
    misuse('mock.refreshRefused', `is an answer the profile's isRefreshRefused does not call a refusal (status ${refreshRefused.status})`)
  }

  if (!resolved.isLogoutConfirmed(asProfileResponse(logoutAnswer?.status ?? 204, logoutAnswer?.body, logoutAnswer?.headers ?? {}))) {
    const written = logoutAnswer ? `mock.logoutAnswer (status ${logoutAnswer.status})` : "the mock's default logout answer (204)"
    misuse('isLogoutConfirmed', `does not accept ${written}: make isLogoutConfirmed accept what the backend answers (the default accepts only 204), and mock.logoutAnswer write it`)
  }
  if (errorAnswer) {
    const sample = new ApiError(401, 'invalid_credentials', 'The email or the password is wrong')
    const written = errorAnswer(sample)
    let read
    try {
      read = readErrorAnswer(resolved, asProfileResponse(written.status, written.body, written.headers))
    } catch (error) {
      throw new BackendProfileError('readError', `The mock writes error answers its profile does not read: ${(error as Error).message}`, { cause: error })
    }
    if (read.code !== sample.code) {
      misuse('mock.errorAnswer', `writes a wrong password's answer (status ${written.status}) whose code the profile's readError reads as ${JSON.stringify(read.code ?? null)}, not "invalid_credentials"`)
    }
  }

  const writer = cookieWriter(cookie)
  const { endpoints } = resolved
  const paths = Object.freeze({
    login: pathOf(endpoints.login),
    signup: endpoints.signup === undefined ? null : pathOf(endpoints.signup),
    refresh: pathOf(endpoints.refresh),
    logout: pathOf(endpoints.logout),
    user: endpoints.user === undefined ? null : pathOf(endpoints.user),
    reauthenticate: endpoints.reauthenticate === undefined ? contractDialect.paths.reauthenticate : pathOf(endpoints.reauthenticate),
  })
  return Object.freeze({
    contract: false,
    paths,
    methods: resolved.methods,
    ...requestReaders(resolved, profile, paths),
    cookieName: cookie.name,
    ...writer,
    tokenBody: (tokens: IssuedTokens, expiresIn: number, user?: MockTokenAnswer['user']) =>
      writeToken({
        accessToken: opaque ? toOpaqueToken(tokens.accessToken) : tokens.accessToken,
        tokenType: tokens.tokenType,
        expiresIn,
        expiresAt: new Date((decodeJwt(tokens.accessToken).exp ?? 0) * 1000).toISOString(),
        sessionExpiresAt: tokens.sessionExpiresAt,
        ...(user ? { user } : {}),
      }),
    userBody: writeUser,
    requireAuthHeaders: requireHeaders(resolved.authHeaders),
    refreshRefused(refusal: ApiError): Response {
      if (!refreshRefused) {
        return errorJson(refusal.status, refusal.code, refusal.message, { ...refusal.headers, 'Set-Cookie': writer.clearedRefreshCookie() })
      }
      return json(refreshRefused.body, refreshRefused.status, { ...refreshRefused.headers, 'Set-Cookie': writer.clearedRefreshCookie() })
    },
    logoutAnswer(headers: Record<string, string>): Response {
      if (!logoutAnswer) return noContent(headers)
      const all = { ...headers, ...logoutAnswer.headers }
      return logoutAnswer.body === undefined ? noContent(all, logoutAnswer.status) : json(logoutAnswer.body, logoutAnswer.status, all)
    },
    rejection(error: ApiError): Response {
      if (tokenRejected && error.status === 401 && TOKEN_REJECTION_CODES.has(error.code)) return json(tokenRejected.body, tokenRejected.status, tokenRejected.headers)
      if (errorAnswer) {
        const written = errorAnswer(error)
        return json(written.body, written.status, { ...error.headers, ...written.headers })
      }
      return errorJson(error.status, error.code, error.message, error.headers)
    },
    config: Object.freeze({
      ...(resolved.dpop ? {} : { dpop: 'off' as const }),
      ...(resolved.reuseInterval ? {} : { reuseIntervalMs: 0 }),
    }),
  })
}

/** A contract refusal of a refresh (`refreshRefused` in refresh-refusal.ts) in the dialect's words. */
export const isRefreshRefusal = (error: ApiError): boolean => error.code === 'invalid_refresh_token'
