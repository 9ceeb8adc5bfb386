import axios, { type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios'
import { describe, expect, it } from 'vitest'
import { rawToken } from '../../../../tests/support/tokens'
import { createAuthClient } from './create-auth-client'
import { RefreshUnavailableError } from './errors'
import type { AuthClientOptions, BackendProfile } from './types'

/**
 * What the README says of a backend in the NestJS/Passport style (a newcomer pass): `POST /v1/sessions`, the refresh
 * and the logout at `/v1/sessions/current`, answers `{ data: { token, expires_at }, meta }`, a JWT `{ sub, username,
 * exp }` without `iat`, a user endpoint answering `{ data: { uid, mail, display_name } }` (read by `readUserResponse`),
 * no reuse interval.
 */
const profile: BackendProfile = {
  endpoints: { login: '/v1/sessions', refresh: '/v1/sessions/current', logout: '/v1/sessions/current', user: '/v1/me' },
  writeRequest: (call) => (call.endpoint === 'login' ? { login: call.email, secret: call.password } : {}),
  // The README's advice for an answer with an absolute expiry: a JWT's exp says it; no expiresIn from the page's clock.
  readTokenResponse: (body) => ({ accessToken: String((body as { data?: { token?: unknown } }).data?.token ?? '') }),
  isTokenRejected: (response) => response.status === 401,
  isRefreshRefused: (response) => response.status === 401 || response.status === 403,
  isLogoutConfirmed: (response) => response.status === 200,
  readUserResponse: (body) => {
    const { uid, mail, display_name } = (body as { data: { uid: string; mail: string; display_name: string } }).data
    return { id: uid, email: mail, name: display_name }
  },
  authHeaders: {},
  dpop: false,
  reuseInterval: false,
}

const NOW = Date.UTC(2026, 0, 1)
const exp = Math.floor(NOW / 1000) + 20
const nestToken = rawToken({ alg: 'HS256', typ: 'JWT' }, { sub: 'u_1', username: 'ada', exp })
const tokenAnswer = { data: { token: nestToken, expires_at: new Date(exp * 1000).toISOString() }, meta: { request_id: 'r1' } }
const userAnswer = { data: { uid: 'u_1', mail: 'ada@example.com', display_name: 'Ada' } }

type Answer = { status: number; data?: unknown } | 'no-answer' | 'timeout'

/**
 * Records each request (`METHOD /path`) and answers from `answer` (the user endpoint, `GET /v1/me`, with Ada);
 * `no-answer` is a refused connection (no response).
 */
function fakeBackend(answer: (request: string) => Answer) {
  const sent: string[] = []
  const adapter: AxiosAdapter = async (config: InternalAxiosRequestConfig) => {
    const request = `${config.method?.toUpperCase()} ${new URL(axios.getUri(config)).pathname}`
    sent.push(request)
    const got = request === 'GET /v1/me' ? { status: 200, data: userAnswer } : answer(request)
    if (got === 'no-answer') throw new axios.AxiosError('Network Error', 'ERR_NETWORK', config, {})
    if (got === 'timeout') throw new axios.AxiosError('timeout of 10000ms exceeded', 'ECONNABORTED', config, {})
    const response = { status: got.status, statusText: '', headers: { 'content-type': 'application/json', date: new Date(NOW).toUTCString() }, config, data: got.data ?? {} }
    if (got.status >= 400) throw new axios.AxiosError(`status ${got.status}`, 'ERR_BAD_RESPONSE', config, null, response)
    return response
  }
  return { sent, adapter }
}

const makeClient = (adapter: AxiosAdapter, options: Partial<AuthClientOptions> = {}) =>
  createAuthClient({ baseURL: 'http://localhost/v1', backend: profile, adapter, now: () => NOW, sessionHint: false, refreshRetry: { minDelayMs: 0, maxDelayMs: 0 }, ...options })

describe('a NestJS-style backend, as the README describes it', () => {
  it('every auth call is a POST (login, refresh, logout), the user endpoint a GET: a backend that refreshes with PUT and logs out with DELETE needs a POST route', async () => {
    const backend = fakeBackend((request) => (request === 'POST /v1/sessions/current' ? { status: 200, data: tokenAnswer } : request === 'POST /v1/sessions' ? { status: 201, data: tokenAnswer } : { status: 404 }))
    const client = makeClient(backend.adapter)

    await client.login({ email: 'ada', password: 'hunter22' })
    await client.refresh()
    await client.logout()

    expect(backend.sent).toEqual(['POST /v1/sessions', 'GET /v1/me', 'POST /v1/sessions/current', 'POST /v1/sessions/current'])
    client.dispose()
  })

  it("a token whose claims name only sub: the client asks endpoints.user once per session start, and a refresh of the same login keeps that user", async () => {
    const backend = fakeBackend((request) => (request === 'POST /v1/sessions' ? { status: 201, data: tokenAnswer } : { status: 200, data: tokenAnswer }))
    const client = makeClient(backend.adapter)

    await client.login({ email: 'ada', password: 'hunter22' })
    expect(client.getSnapshot().user).toEqual({ id: 'u_1', email: 'ada@example.com', name: 'Ada' })
    await client.refresh()
    expect(client.getSnapshot().user).toEqual({ id: 'u_1', email: 'ada@example.com', name: 'Ada' })
    expect(backend.sent).toEqual(['POST /v1/sessions', 'GET /v1/me', 'POST /v1/sessions/current'])

    // A reload: a new client restores from the cookie, and asks the user endpoint once.
    const reloaded = makeClient(backend.adapter)
    await reloaded.restore()
    expect(reloaded.getSnapshot().user).toEqual({ id: 'u_1', email: 'ada@example.com', name: 'Ada' })
    expect(backend.sent.slice(3)).toEqual(['POST /v1/sessions/current', 'GET /v1/me'])
    client.dispose()
    reloaded.dispose()
  })

  it("a token whose claims name only sub, and no endpoints.user: the session's user is { id, email: '', name: '' }", async () => {
    const backend = fakeBackend(() => ({ status: 201, data: tokenAnswer }))
    const { user: _none, ...endpoints } = profile.endpoints
    const client = makeClient(backend.adapter, { backend: { ...profile, endpoints } })

    await client.login({ email: 'ada', password: 'hunter22' })

    expect(client.getSnapshot().user).toEqual({ id: 'u_1', email: '', name: '' })
    expect(backend.sent).toEqual(['POST /v1/sessions'])
    client.dispose()
  })

  it("an answer with an absolute expires_at and a JWT with exp and no iat: with no expiresIn, the token's exp is its expiry", async () => {
    const backend = fakeBackend(() => ({ status: 201, data: tokenAnswer }))
    const client = makeClient(backend.adapter)

    await client.login({ email: 'ada', password: 'hunter22' })

    expect(client.getSnapshot()).toMatchObject({ status: 'authenticated', expiresAt: exp * 1000 })
    client.dispose()
  })

  it("a restore the server answers 500 (twice: the quick retry too) rejects with RefreshUnavailableError; the status stays 'restoring' until restore() is called again", async () => {
    let down = true
    const backend = fakeBackend(() => (down ? { status: 500 } : { status: 200, data: tokenAnswer }))
    const client = makeClient(backend.adapter)

    await expect(client.restore()).rejects.toBeInstanceOf(RefreshUnavailableError)
    expect(client.getSnapshot().status).toBe('restoring')
    expect(backend.sent).toEqual(['POST /v1/sessions/current', 'POST /v1/sessions/current'])

    // An answer the profile cannot read (a 404: a refresh route that does not exist) is the same: kept, asked again.
    const notFound = fakeBackend(() => ({ status: 404, data: { statusCode: 404, message: 'Cannot POST /v1/sessions/current' } }))
    const other = makeClient(notFound.adapter)
    await expect(other.restore()).rejects.toMatchObject({ code: 'invalid_response' })
    expect(other.getSnapshot().status).toBe('restoring')
    other.dispose()

    down = false
    await expect(client.restore()).resolves.toBe(true)
    expect(client.getSnapshot().status).toBe('authenticated')
    client.dispose()
  })

  it.each(['no-answer', 'timeout'] as const)("without a reuse interval, a refresh that got no answer at all (%s: a server restarting) ends the session as 'refresh-lost', not sent again", async (kind) => {
    const backend = fakeBackend(() => kind)
    const client = makeClient(backend.adapter)

    await expect(client.restore()).resolves.toBe(false)

    expect(client.getSnapshot()).toMatchObject({ status: 'anonymous', endReason: 'refresh-lost' })
    expect(backend.sent).toEqual(['POST /v1/sessions/current'])
    client.dispose()
  })
})
