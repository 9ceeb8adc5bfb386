import type { AxiosInstance, AxiosResponse } from 'axios'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { readTokenAnswer, readUserAnswer } from './backend-profile'
import { BackendProfileError, UnexpectedAnswerError } from './errors'
import { authEndpoint, responseDate, toProfileResponse } from './http'
import type { DecodedAccessToken, ResolvedBackendProfile, TokenStore, TokenUser, User } from './types'

export type { DecodedAccessToken } from './types'

/**
 * The access token as the client reads it: its claims (decoded, never verified: only the server can) and its
 * freshness on the server's clock, or, for a token it cannot read (opaque, or a JWT of another shape), what the
 * answer that brought it said (`readAnswer`, through the backend profile). The token itself lives only in the
 * `TokenStore`.
 */

function boundKeyOf(cnf: unknown): string | null {
  if (typeof cnf !== 'object' || cnf === null) return null
  const { jkt } = cnf as { jkt?: unknown }
  return typeof jkt === 'string' && jkt !== '' ? jkt : null
}

/**
 * Reads an access token's claims without verifying its signature (only the server can).
 * Returns `null` for anything the client must not use as an access token: malformed,
 * `alg: none` or no `alg`, `typ` other than `access`, missing `exp`, `iat` or `sub`.
 *
 * @example
 * const decoded = decodeAccessToken(token)
 * if (decoded) console.log(decoded.user.name, new Date(decoded.expiresAt))
 */
export function decodeAccessToken(token: string): DecodedAccessToken | null {
  try {
    const header = decodeProtectedHeader(token)
    if (typeof header.alg !== 'string' || header.alg.toLowerCase() === 'none') return null
    const claims = decodeJwt(token)
    const { sub, exp, iat, typ, email, name, cnf } = claims
    if (typ !== 'access') return null
    if (typeof sub !== 'string' || typeof exp !== 'number' || typeof iat !== 'number') return null
    if (!Number.isFinite(exp) || !Number.isFinite(iat) || exp <= iat) return null
    return {
      user: { id: sub, email: typeof email === 'string' ? email : '', name: typeof name === 'string' ? name : '' },
      expiresAt: exp * 1000,
      issuedAt: iat * 1000,
      boundKey: boundKeyOf(cnf),
    }
  } catch {
    return null
  }
}

export type Freshness = 'fresh' | 'expiring' | 'expired'

export interface CurrentToken {
  token: string
  decoded: DecodedAccessToken
  freshness: Freshness
}

/**
 * Reads the store's token with its expiry; an unusable token (malformed, no `exp`, `alg: none`) reads as none,
 * unless what it is was `remember`ed when it arrived (an opaque token or any JWT, read through the backend profile).
 */
export interface TokenReader {
  read(): CurrentToken | null
  /** What an answer said of `token` (its expiry from `expiresIn`, its user): used instead of decoding it. */
  remember(token: string, decoded: DecodedAccessToken): void
}

/**
 * Decodes each token string once (a one-entry cache: the store holds one token at a time), so a
 * request with a valid token costs a store read, a string compare and two number compares.
 * The margin is capped at a third of the token's lifetime so that short-lived tokens still get used.
 */
export function createTokenReader(store: TokenStore, serverNow: () => number, marginMs: number): TokenReader {
  let cachedToken: string | null = null
  let cachedDecoded: DecodedAccessToken | null = null
  let refreshFrom = 0
  let remembered: { token: string; decoded: DecodedAccessToken } | null = null
  return {
    remember(token, decoded) {
      remembered = { token, decoded }
    },
    read() {
      const token = store.get()
      if (token === null || token === '') return null
      if (token !== cachedToken) {
        cachedToken = token
        cachedDecoded = remembered?.token === token ? remembered.decoded : decodeAccessToken(token)
        if (cachedDecoded) {
          const lifetime = cachedDecoded.expiresAt - cachedDecoded.issuedAt
          refreshFrom = cachedDecoded.expiresAt - Math.min(marginMs, lifetime / 3)
        }
      }
      if (cachedDecoded === null) return null
      const at = serverNow()
      const freshness: Freshness = at < refreshFrom ? 'fresh' : at < cachedDecoded.expiresAt ? 'expiring' : 'expired'
      return { token, decoded: cachedDecoded, freshness }
    },
  }
}

/**
 * A token store in a closure: the default when no `store` is given (tests, benchmarks).
 *
 * @example
 * const client = createAuthClient({ baseURL: '/api', store: createMemoryTokenStore() })
 */
export function createMemoryTokenStore(initial: string | null = null): TokenStore {
  let token = initial
  return {
    get: () => token,
    set: (next) => {
      token = next
    },
  }
}

/** What a login, signup or refresh answer gives the client, read through the backend profile. */
export interface TokenAnswer {
  accessToken: string
  /** Its expiry, issue time (server clock, ms), user and bound key: from the token when it is a JWT, else from the answer. */
  decoded: DecodedAccessToken
  /** The answer's user, when it carried one (login and signup give it to the caller). */
  user: User | null
  /** The answer's `Date` (ms), if any. */
  date: number | null
  sessionExpiresAt: number | null
}

/** A token the client sends as `Bearer <token>`: RFC 6750's b64token. */
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/

interface JwtFacts {
  sub?: unknown
  email?: unknown
  name?: unknown
  exp?: unknown
  iat?: unknown
  cnf?: unknown
}

/** The claims of a JWT (any `typ` but a refresh token's); `null` for an opaque token; throws for one the client must not use. */
function jwtFacts(token: string): JwtFacts | null {
  let claims: JwtFacts & { typ?: unknown }
  let alg: unknown
  try {
    alg = decodeProtectedHeader(token).alg
    claims = decodeJwt(token)
  } catch {
    if (!TOKEN68.test(token)) throw new Error('the access token is neither a JWT nor a token that can be sent as Bearer')
    return null
  }
  if (typeof alg !== 'string' || alg.toLowerCase() === 'none') throw new Error('the access token is an unsigned JWT (alg none)')
  if (typeof claims.typ === 'string' && claims.typ.toLowerCase() === 'refresh') throw new Error('the access token is a refresh token (typ: refresh)')
  const { exp, iat } = claims
  if (exp !== undefined && (typeof exp !== 'number' || !Number.isFinite(exp))) throw new Error("the access token's exp is not a number")
  if (typeof exp === 'number' && typeof iat === 'number' && exp <= iat) throw new Error('the access token expires before it was issued')
  return claims
}

const text = (value: unknown) => (typeof value === 'string' ? value : '')

/**
 * Reads a login, signup or refresh answer: the profile's `readTokenResponse`, then what the token says of itself.
 * Expiry from a JWT's `exp`, else from `expiresIn` counted from the answer (its `Date`, else `serverNow`: the corrected
 * clock); the user from the answer, else the token's `sub`/`email`/`name`, else `previousUser` (a refresh of the same
 * login), else none (`lacksUser`: the caller asks `endpoints.user`). Throws `BackendProfileError` (a field the profile
 * got wrong) or `UnexpectedAnswerError` (a token the client must not use, or no way to tell its expiry).
 */
export function readAnswer(profile: ResolvedBackendProfile, response: AxiosResponse, what: string, serverNow: () => number, previousUser: TokenUser | null): TokenAnswer {
  const answered = toProfileResponse(response)
  // A web page (a static server's fallback, a proxy's error page) is never a token answer, whatever the reader makes of it.
  if (answered.header('content-type')?.toLowerCase().includes('text/html')) {
    throw new UnexpectedAnswerError(`${what} answered a web page (text/html) where a token answer was expected`, { status: response.status, response: answered })
  }
  const read = readTokenAnswer(profile, response.data, what)
  const date = responseDate(response.headers)
  const receivedAt = date ?? serverNow()
  let facts: JwtFacts | null
  try {
    facts = jwtFacts(read.accessToken)
  } catch (error) {
    throw new UnexpectedAnswerError(`${what} answered an access token the client must not use: ${(error as Error).message}`, { status: response.status })
  }
  const exp = typeof facts?.exp === 'number' ? facts.exp * 1000 : null
  const expiresAt = exp ?? read.expiresAt ?? (read.expiresIn === undefined ? null : receivedAt + read.expiresIn * 1000)
  if (expiresAt === null) {
    throw new BackendProfileError('readTokenResponse().expiresIn', `${what}: the access token has no readable exp and readTokenResponse gave no expiresIn or expiresAt, so the client cannot tell when it expires`)
  }
  // Without `iat`: the life the answer states, else the answer's time, unless that time is already past the token's
  // `exp` (a proxy's clock ahead of the issuer's: the token would be born dead and refreshed on every request), then
  // the client's estimate of the server's clock.
  const issuedAt =
    typeof facts?.iat === 'number'
      ? facts.iat * 1000
      : read.expiresIn !== undefined
        ? expiresAt - read.expiresIn * 1000
        : Math.min(receivedAt < expiresAt ? receivedAt : serverNow(), expiresAt - 1000)
  const fromClaims = typeof facts?.sub === 'string' ? { id: facts.sub, email: text(facts.email), name: text(facts.name) } : null
  const answerUser = read.user ?? null
  // Claims that give only `sub` (NestJS's `{ sub, username }`): the same person as the earlier token of this login keeps
  // the email and name already known (from `endpoints.user`), not blanks.
  const claimsUser = fromClaims && !namesPerson(fromClaims) && previousUser?.id === fromClaims.id ? previousUser : fromClaims
  const user = answerUser ? { id: answerUser.id, email: answerUser.email, name: answerUser.name } : (claimsUser ?? previousUser)
  return {
    accessToken: read.accessToken,
    decoded: { user: user ?? { id: '', email: '', name: '' }, expiresAt, issuedAt, boundKey: boundKeyOf(facts?.cnf) },
    user: answerUser,
    date,
    sessionExpiresAt: read.sessionExpiresAt ?? null,
  }
}

const namesPerson = (user: TokenUser) => user.email !== '' || user.name !== ''

/**
 * Whether the caller must ask `endpoints.user`: the answer named no user at all (neither the answer, the token, nor an
 * earlier token of the same login), or only an id (claims with `sub` alone) where the profile has a user endpoint to ask.
 */
export const lacksUser = (answer: TokenAnswer, profile: ResolvedBackendProfile) =>
  answer.decoded.user.id === '' || (!answer.user && !namesPerson(answer.decoded.user) && profile.endpoints.user !== undefined)

/**
 * The user from `endpoints.user`, asked with the new token, once per session start when neither the answer nor the
 * token names one, read by the profile's `readUserResponse`. Throws `UnexpectedAnswerError` when there is no such
 * endpoint or it answers other than 2xx, `BackendProfileError` when the reader finds no user (`readUserAnswer`).
 */
export async function fetchUser(
  authHttp: AxiosInstance,
  profile: ResolvedBackendProfile,
  apiBase: string,
  headersFor: (method: string, url: string) => Promise<Record<string, string>>,
): Promise<User> {
  const endpoint = profile.endpoints.user
  const method = profile.methods.user
  if (!endpoint) {
    throw new UnexpectedAnswerError('The login answer names no user, its token has no sub, and the backend profile has no endpoints.user to ask', { status: null })
  }
  const target = authEndpoint(endpoint, apiBase)
  const response = await authHttp.request<unknown>({ ...target, method, headers: await headersFor(method, authHttp.getUri(target)), validateStatus: () => true })
  if (response.status < 200 || response.status > 299) {
    const shown = typeof response.data === 'string' ? response.data.slice(0, 80) : JSON.stringify(response.data ?? null).slice(0, 80)
    throw new UnexpectedAnswerError(`${method} ${endpoint} answered ${response.status} without a user (${shown})`, { status: response.status, response: toProfileResponse(response) })
  }
  return readUserAnswer(profile, response.data, `${method} ${endpoint}`)
}
