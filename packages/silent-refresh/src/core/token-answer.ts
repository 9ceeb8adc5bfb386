import type { AxiosInstance, AxiosResponse } from 'axios'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { BackendProfileError, readTokenAnswer, readUser, type ResolvedBackendProfile } from './backend-profile'
import type { DecodedAccessToken } from './decode-token'
import { UnexpectedAnswerError } from './errors'
import { authEndpoint, toProfileResponse } from './auth-http'
import { responseDate } from './http-headers'
import type { TokenUser, User } from './types'

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
  if (exp !== undefined && (typeof exp !== 'number' || !Number.isFinite(exp))) throw new Error('the access token\'s exp is not a number')
  if (typeof exp === 'number' && typeof iat === 'number' && exp <= iat) throw new Error('the access token expires before it was issued')
  return claims
}

const text = (value: unknown) => (typeof value === 'string' ? value : '')

function boundKeyOf(cnf: unknown): string | null {
  const jkt = typeof cnf === 'object' && cnf !== null ? (cnf as { jkt?: unknown }).jkt : undefined
  return typeof jkt === 'string' && jkt !== '' ? jkt : null
}

/**
 * Reads a login, signup or refresh answer: the profile's `readTokenResponse`, then what the token says of itself.
 * Expiry from a JWT's `exp`, else from `expiresIn` counted from the answer (its `Date`, else `serverNow`: the corrected
 * clock); the user from the answer, else the token's `sub`/`email`/`name`, else `previousUser` (a refresh of the same
 * login), else `null` (the caller asks `endpoints.user`). Throws `BackendProfileError` (a field the profile got wrong)
 * or `UnexpectedAnswerError` (a token the client must not use, or no way to tell its expiry).
 */
export function readAnswer(profile: ResolvedBackendProfile, response: AxiosResponse, what: string, serverNow: () => number, previousUser: TokenUser | null): TokenAnswer {
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
  const expiresAt = exp ?? (read.expiresIn === undefined ? null : receivedAt + read.expiresIn * 1000)
  if (expiresAt === null) {
    throw new BackendProfileError('readTokenResponse().expiresIn', `${what}: the access token has no readable exp and readTokenResponse gave no expiresIn, so the client cannot tell when it expires`)
  }
  const issuedAt = typeof facts?.iat === 'number' ? facts.iat * 1000 : Math.min(receivedAt, expiresAt - 1000)
  const fromClaims = typeof facts?.sub === 'string' ? { id: facts.sub, email: text(facts.email), name: text(facts.name) } : null
  const answerUser = read.user ?? null
  const user = answerUser ? { id: answerUser.id, email: answerUser.email, name: answerUser.name } : (fromClaims ?? previousUser)
  return {
    accessToken: read.accessToken,
    decoded: { user: user ?? { id: '', email: '', name: '' }, expiresAt, issuedAt, boundKey: boundKeyOf(facts?.cnf) },
    user: answerUser,
    date,
    sessionExpiresAt: read.sessionExpiresAt ?? null,
  }
}

/** Whether the answer named no user at all (neither the answer, the token, nor an earlier token of the same login). */
export const lacksUser = (answer: TokenAnswer) => answer.decoded.user.id === ''

/**
 * The user from `endpoints.user`, asked with the new token, once per session start when neither the answer nor the
 * token names one. Throws `UnexpectedAnswerError` when there is no such endpoint or its answer has no user.
 */
export async function fetchUser(
  authHttp: AxiosInstance,
  profile: ResolvedBackendProfile,
  apiBase: string,
  headersFor: (url: string) => Promise<Record<string, string>>,
): Promise<User> {
  const endpoint = profile.endpoints.user
  if (!endpoint) {
    throw new UnexpectedAnswerError('The login answer names no user, its token has no sub, and the backend profile has no endpoints.user to ask', { status: null })
  }
  const target = authEndpoint(endpoint, apiBase)
  const response = await authHttp.get<unknown>(target.url, { ...target, headers: await headersFor(authHttp.getUri(target)), validateStatus: () => true })
  const user = response.status >= 200 && response.status < 300 ? readUser(response.data) : undefined
  if (!user) {
    const shown = typeof response.data === 'string' ? response.data.slice(0, 80) : JSON.stringify(response.data ?? null).slice(0, 80)
    throw new UnexpectedAnswerError(`GET ${endpoint} answered ${response.status} without a user (${shown})`, { status: response.status, response: toProfileResponse(response) })
  }
  return user
}
