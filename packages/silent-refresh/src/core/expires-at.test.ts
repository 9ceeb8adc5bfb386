import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BackendProfileError, createAuthClient, createMemoryTokenStore, type AuthClient, type BackendProfile } from 'silent-refresh'
import { createTestBackend } from 'silent-refresh/testing'

/**
 * A backend whose token answer gives an absolute expiry (`{ token, expires_at }`) and opaque tokens: the profile's
 * `readTokenResponse` returns `expiresAt` (ms, the server's clock), which the client never counts on the page's clock.
 */
const ORIGIN = 'http://app.example.test'
const profile: BackendProfile = {
  endpoints: { login: '/api/auth/login', refresh: '/api/auth/refresh', logout: '/api/auth/logout', user: '/api/me' },
  readTokenResponse: (body) => {
    const { token, expires_at } = body as { token: string; expires_at: string }
    return { accessToken: token, expiresAt: Date.parse(expires_at) }
  },
  mock: {
    accessTokens: 'opaque',
    tokenAnswer: ({ accessToken, expiresAt }) => ({ token: accessToken, expires_at: expiresAt }),
  },
}

const backend = createTestBackend({ profile })
const server = setupServer(...backend.handlers, http.get(`${ORIGIN}/api/orders`, backend.protect(() => HttpResponse.json([{ id: 'o-1' }]))))
let clients: AuthClient[] = []
let pageClockAheadMs = 0
const makeClient = (aheadMs = 0) => {
  pageClockAheadMs = aheadMs
  const client = createAuthClient({
    baseURL: `${ORIGIN}/api`,
    backend: profile,
    store: createMemoryTokenStore(),
    sessionHint: false,
    coordinator: null,
    refreshRetry: false,
    now: () => Date.now() + pageClockAheadMs,
  })
  clients.push(client)
  return client
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => backend.reset())
afterEach(() => {
  clients.forEach((client) => client.dispose())
  clients = []
})
afterAll(() => server.close())

describe('an absolute expires_at read as expiresAt', () => {
  it('logs in with opaque tokens and calls the API without a refresh, though the page clock runs 25 minutes ahead', async () => {
    const client = makeClient(25 * 60_000)
    await client.login(backend.user)
    expect(client.getSnapshot().status).toBe('authenticated')
    expect((await client.http.get('/orders')).status).toBe(200)
    expect((await backend.stats()).refreshCalls).toBe(0)
  })

  it('refreshes first, once for three requests, when the time it gave has passed (the server would still take the token)', async () => {
    const client = makeClient()
    await client.login(backend.user)
    pageClockAheadMs += 3_600_000 + 1_000 // an hour later for the page; the server's clock has not moved
    const answers = await Promise.all([client.http.get('/orders'), client.http.get('/orders'), client.http.get('/orders')])
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
    expect((await backend.stats()).refreshCalls).toBe(1)
  })

  it('refuses an expiresAt that is not a time in ms, naming the field', async () => {
    const bad: BackendProfile = { ...profile, readTokenResponse: (body) => ({ accessToken: (body as { token: string }).token, expiresAt: (body as { expires_at: string }).expires_at as unknown as number }) }
    expect(() => createTestBackend({ profile: bad })).toThrow(expect.objectContaining({ name: 'BackendProfileError', field: 'readTokenResponse().expiresAt' }))
    const seconds: BackendProfile = { ...profile, readTokenResponse: (body) => ({ accessToken: (body as { token: string }).token, expiresAt: Date.parse((body as { expires_at: string }).expires_at) / 1000 }) }
    expect(() => createTestBackend({ profile: seconds })).toThrow(BackendProfileError)
    expect(() => createTestBackend({ profile: seconds })).toThrow(/readTokenResponse\(\)\.expiresAt/)
  })
})
