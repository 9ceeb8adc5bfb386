import axios, { type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios'
import { IDBFactory } from 'fake-indexeddb'
import { decodeJwt } from 'jose'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { rawToken } from '../../../../tests/support/tokens'
import { CRYPTO_OR_TABS_TIMEOUT_MS } from '../../../../tests/support/timeouts'
import { startRefreshEarly } from '../boot'
import { createFakeTabs } from '../testing/fake-tabs'
import { createTestBackend } from '../testing/test-backend'
import { createAuthClient } from './create-auth-client'
import { createDpopKeyStore, createDpopSigner } from './dpop'
import { RefreshUnavailableError, SessionExpiredError } from './errors'
import type { AuthClient, AuthClientOptions, BackendProfile, SessionEndReason } from './types'

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
  it('without methods, every auth call is a POST (login, refresh, logout), the user endpoint a GET', async () => {
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

/**
 * The same backend with RESTful session routes (`methods`): `POST /v1/sessions` logs in, `PUT /v1/sessions/current`
 * refreshes, `DELETE /v1/sessions/current` logs out. The README's "Backend profiles", `methods`.
 */
const restful: BackendProfile = { ...profile, methods: { refresh: 'PUT', logout: 'DELETE' } }

/**
 * A hand-written server for it, as an axios adapter: routes by method and path (405 with `Allow` for another method at a
 * known path), a token that lives 20 s on its clock, `GET /v1/items` and the user at `GET /v1/me` for that token only,
 * a refusal once `revoke()`d.
 */
function restfulServer(clock: { now: number }) {
  const routes: Record<string, string[]> = { '/v1/sessions': ['POST'], '/v1/sessions/current': ['PUT', 'DELETE'], '/v1/items': ['GET'], '/v1/me': ['GET'] }
  const sent: string[] = []
  let token = ''
  let live = false
  const issue = () => {
    token = rawToken({ alg: 'HS256', typ: 'JWT' }, { sub: 'u_1', username: 'ada', exp: Math.floor(clock.now / 1000) + 20, jti: String(sent.length) })
    live = true
    return { status: 200, data: { data: { token }, meta: {} } }
  }
  const answer = (method: string, path: string, authorization: string | null): { status: number; data?: unknown; headers?: Record<string, string> } => {
    const methods = routes[path]
    if (!methods) return { status: 404 }
    if (!methods.includes(method)) return { status: 405, data: { statusCode: 405, message: `Cannot ${method} ${path}` }, headers: { allow: methods.join(', ') } }
    if (method === 'POST') return issue()
    if (method === 'PUT') return live ? issue() : { status: 401, data: { statusCode: 401, message: 'Unauthorized' } }
    if (method === 'DELETE') return (live = false), { status: 200, data: { data: null } }
    const fresh = live && authorization === `Bearer ${token}` && (decodeJwt(token).exp ?? 0) * 1000 > clock.now
    if (fresh && path === '/v1/me') return { status: 200, data: userAnswer }
    return fresh ? { status: 200, data: [{ id: 1 }] } : { status: 401, data: { statusCode: 401, message: 'Unauthorized' } }
  }
  const adapter: AxiosAdapter = async (config: InternalAxiosRequestConfig) => {
    const method = config.method!.toUpperCase()
    const path = new URL(axios.getUri(config)).pathname
    sent.push(`${method} ${path}`)
    const authorization = config.headers.get('Authorization')
    const got = answer(method, path, typeof authorization === 'string' ? authorization : null)
    const response = { status: got.status, statusText: '', headers: { 'content-type': 'application/json', ...got.headers }, config, data: got.data ?? {} }
    if (got.status >= 400) throw new axios.AxiosError(`status ${got.status}`, 'ERR_BAD_RESPONSE', config, null, response)
    return response
  }
  return { adapter, sent, revoke: () => void (live = false), count: (request: string) => sent.filter((one) => one === request).length }
}

describe('a NestJS-style backend that refreshes with PUT and logs out with DELETE (methods), against a hand-written server', () => {
  let clock: { now: number }
  let ends: SessionEndReason[]
  beforeEach(() => {
    clock = { now: NOW }
    ends = []
  })
  const restfulClient = (adapter: AxiosAdapter) =>
    createAuthClient({ baseURL: 'http://localhost/v1', backend: restful, adapter, now: () => clock.now, sessionHint: false, refreshRetry: false, onSessionEnd: (reason) => ends.push(reason) })

  it('logs in by POST; after expiry three requests share one PUT refresh; logs out by DELETE, which the server confirms', async () => {
    const server = restfulServer(clock)
    const client = restfulClient(server.adapter)
    await client.login({ email: 'ada', password: 'hunter22' })

    clock.now += 30_000
    const answers = await Promise.all([client.http.get('/items'), client.http.get('/items'), client.http.get('/items')])
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
    expect(server.count('PUT /v1/sessions/current')).toBe(1)

    await expect(client.logout()).resolves.toEqual({ serverConfirmed: true })
    expect(server.sent.filter((request) => !request.includes('/items'))).toEqual(['POST /v1/sessions', 'GET /v1/me', 'PUT /v1/sessions/current', 'DELETE /v1/sessions/current'])
    expect(server.sent).not.toContainEqual(expect.stringMatching(/^POST \/v1\/sessions\/current/))
    client.dispose()
  })

  it("a refresh the server refuses (401 to the PUT) ends the session as 'refresh-refused'", async () => {
    const server = restfulServer(clock)
    const client = restfulClient(server.adapter)
    await client.login({ email: 'ada', password: 'hunter22' })
    server.revoke()
    clock.now += 30_000

    await expect(client.http.get('/items')).rejects.toBeInstanceOf(SessionExpiredError)
    expect(ends).toEqual(['refresh-refused'])
    expect(server.count('PUT /v1/sessions/current')).toBe(1)
    client.dispose()
  })

  it('login, signup, reauthenticate and the user endpoint go with their methods too', async () => {
    const backend = fakeBackend((request) => (request.endsWith('/v1/me') ? { status: 200, data: { id: 'u_1' } } : { status: 200, data: { data: { token: 'opaque-token' } } }))
    const other: BackendProfile = {
      ...profile,
      endpoints: { ...profile.endpoints, signup: '/v1/users', reauthenticate: '/v1/sessions/current/verify' },
      readTokenResponse: (body) => ({ accessToken: String((body as { data: { token: string } }).data.token), expiresIn: 60 }),
      readUserResponse: (body) => body as { id: string },
      methods: { login: 'PUT', signup: 'PATCH', reauthenticate: 'PATCH', user: 'POST' },
    }
    const client = makeClient(backend.adapter, { backend: other })
    await client.login({ email: 'ada', password: 'hunter22' })
    await client.reauthenticate({ password: 'hunter22' })
    await client.signup({ email: 'bob', name: 'Bob', password: 'hunter22' })
    expect(backend.sent).toEqual(['PUT /v1/sessions', 'POST /v1/me', 'PATCH /v1/sessions/current/verify', 'PATCH /v1/users', 'POST /v1/me'])
    client.dispose()
  })

  it('the pending logout is sent again with DELETE', async () => {
    const server = restfulServer(clock)
    let down = true
    const lost: string[] = []
    const flaky: AxiosAdapter = (config) => {
      if (!down || config.method !== 'delete') return server.adapter(config)
      lost.push(`${config.method.toUpperCase()} ${new URL(axios.getUri(config)).pathname}`)
      return Promise.reject(new axios.AxiosError('Network Error', 'ERR_NETWORK', config, {}))
    }
    const client = restfulClient(flaky)
    await client.login({ email: 'ada', password: 'hunter22' })
    await expect(client.logout()).resolves.toMatchObject({ serverConfirmed: false })
    expect(client.getSnapshot().logoutPending).toBe(true)

    down = false
    await client.login({ email: 'ada', password: 'hunter22' }) // the pending logout goes first
    expect(lost).toEqual(['DELETE /v1/sessions/current'])
    expect(server.sent).toEqual(['POST /v1/sessions', 'GET /v1/me', 'DELETE /v1/sessions/current', 'POST /v1/sessions', 'GET /v1/me'])
    client.dispose()
  })
})

describe('the same profile against createTestBackend({ profile }): the kit routes by method', () => {
  vi.setConfig({ testTimeout: CRYPTO_OR_TABS_TIMEOUT_MS })
  const ORIGIN = 'http://nest.example.test'
  /** What the kit writes in this dialect: `{ data: { token } }`, a logout's 200. */
  const withMock: BackendProfile = {
    ...restful,
    mock: { tokenAnswer: ({ accessToken }) => ({ data: { token: accessToken }, meta: {} }), logoutAnswer: { status: 200, body: { data: null } }, userAnswer: ({ id, email, name }) => ({ data: { uid: id, mail: email, display_name: name } }) },
  }
  const backend = createTestBackend({ profile: withMock })
  const bound = createTestBackend({ profile: { ...withMock, dpop: true }, dpop: 'required' })
  const items = (kit: typeof backend) => http.get(`${ORIGIN}/v1/items`, kit.protect(() => HttpResponse.json([{ id: 1 }])))
  let kit = backend
  const server = setupServer()
  const received: Array<{ request: string; htm: unknown }> = []
  server.events.on('request:start', ({ request }) => {
    const proof = request.headers.get('dpop')
    received.push({ request: `${request.method} ${new URL(request.url).pathname}`, htm: proof ? decodeJwt(proof).htm : undefined })
  })
  let clients: AuthClient[] = []
  let ends: SessionEndReason[] = []
  const makeClient = (options: Partial<AuthClientOptions> = {}) => {
    const client = createAuthClient({ baseURL: `${ORIGIN}/v1`, backend: withMock, sessionHint: false, coordinator: null, refreshRetry: false, onSessionEnd: (reason) => ends.push(reason), ...options })
    clients.push(client)
    return client
  }
  const use = (which: typeof backend) => {
    kit = which
    server.resetHandlers(...which.handlers, items(which))
  }
  const auth = () => received.filter(({ request }) => request.includes('/sessions'))

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  beforeEach(async () => {
    use(backend)
    await backend.reset()
    await bound.reset()
  })
  afterEach(() => {
    clients.forEach((client) => client.dispose())
    clients = []
    ends = []
    received.length = 0
    vi.unstubAllGlobals()
  })
  afterAll(() => server.close())

  it('login by POST; after expiry three requests, one PUT refresh; a logout by DELETE, confirmed', async () => {
    const client = makeClient()
    await client.login(kit.user)
    await kit.expireAccessToken()
    const answers = await Promise.all([client.http.get('/items'), client.http.get('/items'), client.http.get('/items')])
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
    expect(await kit.stats()).toMatchObject({ refreshCalls: 1, refreshFailures: 0 })

    await expect(client.logout()).resolves.toEqual({ serverConfirmed: true })
    expect(auth().map(({ request }) => request)).toEqual(['POST /v1/sessions', 'PUT /v1/sessions/current', 'DELETE /v1/sessions/current'])
  })

  it("a refused refresh (the login ended on the server) ends the session as 'refresh-refused'", async () => {
    const client = makeClient()
    await client.login(kit.user)
    await kit.endSession()
    await kit.expireAccessToken()
    await expect(client.http.get('/items')).rejects.toBeInstanceOf(SessionExpiredError)
    expect(ends).toEqual(['refresh-refused'])
  })

  it('another method at the refresh and logout URL is 405 with Allow: PUT, DELETE', async () => {
    const answer = await fetch(`${ORIGIN}/v1/sessions/current`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } })
    expect(answer.status).toBe(405)
    expect(answer.headers.get('allow')).toBe('PUT, DELETE')
    expect((await fetch(`${ORIGIN}/v1/sessions`, { method: 'GET' })).headers.get('allow')).toBe('POST')
  })

  it("with DPoP: each proof's htm is the method sent (the kit refuses another), the PUT refresh's included", async () => {
    use(bound)
    const client = makeClient({ backend: { ...withMock, dpop: true }, dpop: { keys: createDpopKeyStore({ indexedDB: new IDBFactory() }), signer: createDpopSigner() } })
    await client.login(kit.user)
    await kit.expireAccessToken()
    expect((await client.http.get('/items')).status).toBe(200)
    await expect(client.logout()).resolves.toEqual({ serverConfirmed: true })

    expect(await kit.stats()).toMatchObject({ refreshCalls: 1, refreshFailures: 0, dpopRejected: 0 })
    const signed = auth().filter(({ htm }) => htm !== undefined)
    expect(signed.map(({ request }) => request)).toEqual(expect.arrayContaining(['POST /v1/sessions', 'PUT /v1/sessions/current', 'DELETE /v1/sessions/current']))
    expect(signed.every(({ request, htm }) => request.startsWith(`${String(htm)} `))).toBe(true)
  })

  it("the boot module's start-up refresh with method: 'PUT' is adopted: one PUT refresh for the page load", async () => {
    await makeClient().login(kit.user) // an earlier page load
    const tabs = createFakeTabs()
    tabs.storage.setItem('session-hint', '1')
    vi.stubGlobal('localStorage', tabs.storage)
    vi.stubGlobal('navigator', { locks: tabs.locks })
    const before = (await kit.stats()).refreshCalls

    const startedRefresh = startRefreshEarly({ dpop: false, refreshURL: `${ORIGIN}${restful.endpoints.refresh}`, method: restful.methods?.refresh, headers: restful.authHeaders, body: restful.writeRequest?.({ endpoint: 'refresh' }) })
    expect(await startedRefresh).toMatchObject({ status: 200, method: 'PUT' })
    const client = makeClient()
    await expect(client.restore({ startedRefresh })).resolves.toBe(true)

    expect((await kit.stats()).refreshCalls - before).toBe(1)
    expect(auth().map(({ request }) => request)).toEqual(['POST /v1/sessions', 'PUT /v1/sessions/current'])
  })

  it('a started answer sent with another method than the profile says is not adopted: a console warning, and the client refreshes itself', async () => {
    await makeClient().login(kit.user)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    // A boot module left at its default POST: the server's 405, which must not be read as this backend's refresh.
    const startedRefresh = Promise.resolve({ status: 405, headers: { allow: 'PUT, DELETE' }, data: {}, proof: false, url: `${ORIGIN}/v1/sessions/current`, method: 'POST' })
    const client = makeClient()
    await expect(client.restore({ startedRefresh })).resolves.toBe(true)
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`was POST ${ORIGIN}/v1/sessions/current, the backend profile's refresh is PUT ${ORIGIN}/v1/sessions/current`))
    warn.mockRestore()
  })
})
