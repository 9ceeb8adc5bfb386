import { BackendProfileError, defaultProfile, readTokenAnswer, validateProfile, type BackendProfile, type MockTokenAnswer, type ProfileResponse } from 'silent-refresh'
import type { MockConfig } from '../core/config'
import type { IssuedTokens } from '../core/sessions'
import { toOpaqueToken } from '../core/tokens'
import { ApiError } from './api-error'
import { errorJson, json } from './responses'

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
  readonly paths: { login: string; signup: string | null; refresh: string; logout: string; user: string | null }
  readonly cookieName: string
  /** `Set-Cookie` for a refresh token, and for clearing it. */
  refreshCookie(token: string, maxAgeSeconds: number): string
  clearedRefreshCookie(): string
  /** The body of a login or signup (with the user) or refresh answer. */
  tokenBody(tokens: IssuedTokens, expiresIn: number, user?: MockTokenAnswer['user']): unknown
  /** Refuses a request without the dialect's CSRF header(s) (403 `csrf_check_failed`); nothing for a dialect without one. */
  requireAuthHeaders(request: Request): void
  /** A refresh refusal in the dialect (the cookie cleared), from the contract's `invalid_refresh_token` refusal. */
  refreshRefused(refusal: ApiError): Response
  /** An API request's refusal: a rejected access token in the dialect's shape, anything else as the contract's JSON error. */
  rejection(error: ApiError): Response
  /** The mock's config the dialect asks for: DPoP off for a backend without it, no reuse interval without one. */
  readonly config: Partial<MockConfig>
}

const CONTRACT_COOKIE = { name: 'refresh_token', path: '/api/auth' }
const CONTRACT_HEADERS: Record<string, string> = { 'X-Requested-With': 'XMLHttpRequest' }
const TOKEN_REJECTION_CODES = new Set(['invalid_token', 'unauthorized'])

function contractTokenBody(answer: MockTokenAnswer): unknown {
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
  paths: Object.freeze({ login: '/api/auth/login', signup: '/api/auth/signup', refresh: '/api/auth/refresh', logout: '/api/auth/logout', user: null }),
  cookieName: CONTRACT_COOKIE.name,
  ...cookieWriter(CONTRACT_COOKIE),
  tokenBody: (tokens: IssuedTokens, expiresIn: number, user?: MockTokenAnswer['user']) => contractTokenBody({ ...tokens, expiresIn, user }),
  requireAuthHeaders: requireHeaders(CONTRACT_HEADERS),
  refreshRefused: (refusal: ApiError) => errorJson(refusal.status, refusal.code, refusal.message, refusal.headers),
  rejection: (error: ApiError) => errorJson(error.status, error.code, error.message, error.headers),
  config: Object.freeze({}),
})

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

function asProfileResponse(status: number, body: unknown, headers: Record<string, string>): ProfileResponse {
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
  return { status, body, header: (name) => lower.get(name.toLowerCase()) ?? null }
}

const SAMPLE: MockTokenAnswer = {
  accessToken: 'mock-self-check-token',
  tokenType: 'Bearer',
  expiresIn: 3600,
  user: { id: 'mock-self-check-user', email: 'self-check@example.com', name: 'Self Check', createdAt: '2026-01-01T00:00:00.000Z' },
  sessionExpiresAt: '2026-01-15T00:00:00.000Z',
}

/**
 * The mock's dialect for a backend profile: its endpoints, its `mock` part (docs/backend.md), its `authHeaders`, `dpop`
 * and `reuseInterval`. No profile, or `defaultProfile`, is the contract, unchanged. Checks at once that the profile
 * reads what the mock will write (its `readTokenResponse` reads `mock.tokenAnswer`'s body; `isTokenRejected` and
 * `isRefreshRefused` say yes to `mock.tokenRejected` and `mock.refreshRefused`): a `BackendProfileError` naming the
 * field otherwise, before any request.
 *
 * @example
 * const dialect = mockDialect(expressTypical) // examples/express-typical/profile.ts: /auth/*, snake_case, cookie jid
 */
export function mockDialect(profile?: BackendProfile): MockDialect {
  if (profile === undefined || profile === defaultProfile) return contractDialect
  const resolved = validateProfile(profile)
  const mock = profile.mock
  if (mock !== undefined && (typeof mock !== 'object' || mock === null)) misuse('mock', 'must be an object { tokenAnswer?, tokenRejected?, refreshRefused?, refreshCookie?, accessTokens? }')
  if (mock?.accessTokens !== undefined && mock.accessTokens !== 'jwt' && mock.accessTokens !== 'opaque') misuse('mock.accessTokens', "must be 'jwt' or 'opaque'")
  const opaque = mock?.accessTokens === 'opaque'
  if (mock?.tokenAnswer !== undefined && typeof mock.tokenAnswer !== 'function') misuse('mock.tokenAnswer', 'must be a function from { accessToken, tokenType, expiresIn, user?, sessionExpiresAt } to the answer\'s body')
  const tokenRejected = answerShape(mock?.tokenRejected, 'mock.tokenRejected')
  const refreshRefused = answerShape(mock?.refreshRefused, 'mock.refreshRefused')
  const cookie = mock?.refreshCookie ?? CONTRACT_COOKIE
  if (typeof cookie !== 'object' || cookie === null || typeof cookie.name !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(cookie.name)) misuse('mock.refreshCookie.name', 'must be a cookie name')
  if (typeof cookie.path !== 'string' || !cookie.path.startsWith('/')) misuse('mock.refreshCookie.path', 'must be a path starting with /')
  const writeToken = mock?.tokenAnswer ? mock.tokenAnswer.bind(mock) : contractTokenBody

  // The self-check: what the mock writes, the profile must read.
  let sample: unknown
  try {
    sample = writeToken(SAMPLE)
  } catch (error) {
    throw new BackendProfileError('mock.tokenAnswer', `The backend profile's mock.tokenAnswer failed on a sample answer: ${String(error)}`, { cause: error })
  }
  let read
  try {
    read = readTokenAnswer(resolved, sample, 'the mock\'s token answer (mock.tokenAnswer)')
  } catch (error) {
    const field = error instanceof BackendProfileError ? error.field : 'readTokenResponse'
    throw new BackendProfileError(field, `The mock writes token answers its profile does not read: ${(error as Error).message}. Make mock.tokenAnswer write what readTokenResponse reads (docs/backend.md).`, { cause: error })
  }
  if (read.accessToken !== SAMPLE.accessToken) misuse('mock.tokenAnswer', `writes the access token where readTokenResponse does not read it (read ${JSON.stringify(read.accessToken)})`)
  if (tokenRejected && !resolved.isTokenRejected(asProfileResponse(tokenRejected.status, tokenRejected.body, tokenRejected.headers))) {
    misuse('mock.tokenRejected', `is an answer the profile's isTokenRejected does not call a rejection (status ${tokenRejected.status})`)
  }
  if (refreshRefused && !resolved.isRefreshRefused(asProfileResponse(refreshRefused.status, refreshRefused.body, refreshRefused.headers))) {
    misuse('mock.refreshRefused', `is an answer the profile's isRefreshRefused does not call a refusal (status ${refreshRefused.status})`)
  }

  const writer = cookieWriter(cookie)
  const { endpoints } = resolved
  return Object.freeze({
    contract: false,
    paths: Object.freeze({
      login: pathOf(endpoints.login),
      signup: endpoints.signup === undefined ? null : pathOf(endpoints.signup),
      refresh: pathOf(endpoints.refresh),
      logout: pathOf(endpoints.logout),
      user: endpoints.user === undefined ? null : pathOf(endpoints.user),
    }),
    cookieName: cookie.name,
    ...writer,
    tokenBody: (tokens: IssuedTokens, expiresIn: number, user?: MockTokenAnswer['user']) =>
      writeToken({ accessToken: opaque ? toOpaqueToken(tokens.accessToken) : tokens.accessToken, tokenType: tokens.tokenType, expiresIn, sessionExpiresAt: tokens.sessionExpiresAt, ...(user ? { user } : {}) }),
    requireAuthHeaders: requireHeaders(resolved.authHeaders),
    refreshRefused(refusal: ApiError): Response {
      if (!refreshRefused) {
        return errorJson(refusal.status, refusal.code, refusal.message, { ...refusal.headers, 'Set-Cookie': writer.clearedRefreshCookie() })
      }
      return json(refreshRefused.body, refreshRefused.status, { ...refreshRefused.headers, 'Set-Cookie': writer.clearedRefreshCookie() })
    },
    rejection(error: ApiError): Response {
      if (tokenRejected && error.status === 401 && TOKEN_REJECTION_CODES.has(error.code)) return json(tokenRejected.body, tokenRejected.status, tokenRejected.headers)
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
