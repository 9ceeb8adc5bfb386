import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BackendProfileError, createAuthClient, createMemoryTokenStore, SessionExpiredError, type AuthClient, type SessionEndReason } from 'silent-refresh'
import { createTestBackend } from 'silent-refresh/testing'
import expressTypical from './profile'

/**
 * The mock speaks the profile (issue #22): given only examples/express-typical/profile.ts, the kit's mock answers the
 * way a typical Express backend does, and the core, given the same file, works against it.
 */

const ORIGIN = 'http://api.example.test'
const backend = createTestBackend({ profile: expressTypical })
const server = setupServer(...backend.handlers, http.get(`${ORIGIN}/api/posts`, backend.protect(() => HttpResponse.json([{ id: '1', title: 'Welcome' }]))))

let clients: AuthClient[] = []
let ends: SessionEndReason[] = []
function makeClient() {
  const client = createAuthClient({
    baseURL: `${ORIGIN}/api`,
    backend: expressTypical,
    store: createMemoryTokenStore(),
    sessionHint: false,
    coordinator: null,
    refreshRetry: false,
    onSessionEnd: (reason) => ends.push(reason),
  })
  clients.push(client)
  return client
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => backend.reset())
afterEach(() => {
  clients.forEach((client) => client.dispose())
  clients = []
  ends = []
})
afterAll(() => server.close())

describe('the core against createTestBackend({ profile: expressTypical })', () => {
  it('logs in at /auth/login and calls the API with the token', async () => {
    const client = makeClient()
    await expect(client.login(backend.user)).resolves.toMatchObject({ email: backend.user.email, name: backend.user.name })
    expect((await client.http.get('/posts')).status).toBe(200)
    const stats = await backend.stats()
    expect(stats.requestsByEndpoint).toMatchObject({ login: 1, refresh: 0 })
    expect(stats.protectedRequests).toBe(1)
  })

  it('after expiry on the server (a plain 401): one refresh, the requests replayed', async () => {
    const client = makeClient()
    await client.login(backend.user)
    await backend.expireAccessToken()
    const answers = await Promise.all([client.http.get('/posts'), client.http.get('/posts'), client.http.get('/posts')])
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
    expect((await backend.stats()).refreshCalls).toBe(1)
    expect(ends).toEqual([])
  })

  it('a reload restores the session from the refresh cookie', async () => {
    await makeClient().login(backend.user)
    const reloaded = makeClient()
    await expect(reloaded.restore()).resolves.toBe(true)
    expect(reloaded.getSnapshot()).toMatchObject({ status: 'authenticated', user: { email: backend.user.email } })
    expect((await reloaded.http.get('/posts')).status).toBe(200)
  })

  it('a refused refresh (403) ends the session: SessionExpiredError, refresh-refused', async () => {
    const client = makeClient()
    await client.login(backend.user)
    await backend.endSession()
    await expect(client.http.get('/posts')).rejects.toBeInstanceOf(SessionExpiredError)
    expect(ends).toEqual(['refresh-refused'])
    expect(client.getSnapshot()).toMatchObject({ status: 'ended', endReason: 'refresh-refused' })
  })

  it('logs out at /auth/logout: confirmed, and a reload finds no session', async () => {
    const client = makeClient()
    await client.login(backend.user)
    await expect(client.logout()).resolves.toEqual({ serverConfirmed: true })
    expect((await backend.stats()).requestsByEndpoint.logout).toBe(1)
    await expect(makeClient().restore()).resolves.toBe(false)
  })
})

describe("the kit's mock answers in the typical dialect", () => {
  const post = (path: string, body?: unknown) =>
    fetch(`${ORIGIN}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body ?? {}) })

  it('snake_case token answers at /auth/*, no CSRF header needed, the contract paths not served', async () => {
    const login = await post('/auth/login', { email: backend.user.email, password: backend.user.password })
    expect(login.status).toBe(200)
    const body = (await login.json()) as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type', 'user'])
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, user: { email: backend.user.email } })
    const refreshed = await post('/auth/refresh')
    expect(refreshed.status).toBe(200)
    expect(Object.keys((await refreshed.json()) as object).sort()).toEqual(['access_token', 'expires_in', 'token_type'])
    await expect(post('/api/auth/login', { email: backend.user.email, password: backend.user.password })).rejects.toThrow()
  })

  it('a rejected token: a plain 401 {"message":"jwt expired"} without WWW-Authenticate; a refused refresh: 403', async () => {
    const rejected = await fetch(`${ORIGIN}/api/posts`, { headers: { Authorization: 'Bearer not-a-token' } })
    expect(rejected.status).toBe(401)
    expect(rejected.headers.get('www-authenticate')).toBeNull()
    expect(await rejected.json()).toEqual({ message: 'jwt expired' })
    const refused = await post('/auth/refresh')
    expect(refused.status).toBe(403)
    expect(await refused.json()).toEqual({ message: 'Invalid refresh token' })
  })

  it('refuses a profile that does not read what it would write, naming the field', () => {
    const camelReader = { ...expressTypical, readTokenResponse: (body: unknown) => ({ accessToken: (body as { accessToken?: string }).accessToken ?? '' }) }
    expect(() => createTestBackend({ profile: camelReader })).toThrow(BackendProfileError)
    expect(() => createTestBackend({ profile: camelReader })).toThrow(/readTokenResponse\(\)\.accessToken/)
    const wrongRefusal = { ...expressTypical, isRefreshRefused: (response: { status: number }) => response.status === 401 }
    expect(() => createTestBackend({ profile: wrongRefusal })).toThrow(expect.objectContaining({ field: 'mock.refreshRefused' }))
  })
})
