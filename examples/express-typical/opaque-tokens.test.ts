import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { BackendProfileError, createAuthClient, createMemoryTokenStore, type AuthClient, type BackendProfile } from 'silent-refresh'
import { createTestBackend, movableClock } from 'silent-refresh/testing'
import expressTypical from './profile'

/**
 * A backend whose access tokens are opaque (a random string, not a JWT): the profile's `mock.accessTokens: 'opaque'`
 * makes the kit's mock hand out tokens the client cannot read, so the client must go by the answer's `expires_in`
 * and take the user from the login answer or `GET /auth/me` (docs/backend.md).
 */

const ORIGIN = 'http://api.example.test'
const opaqueBackend: BackendProfile = { ...expressTypical, mock: { ...expressTypical.mock, accessTokens: 'opaque' } }
const backend = createTestBackend({ profile: opaqueBackend })
const server = setupServer(...backend.handlers, http.get(`${ORIGIN}/api/posts`, backend.protect(() => HttpResponse.json([{ id: '1', title: 'Welcome' }]))))

let clients: AuthClient[] = []
function makeClient(options: Partial<Parameters<typeof createAuthClient>[0]> = {}) {
  const client = createAuthClient({
    baseURL: `${ORIGIN}/api`,
    backend: opaqueBackend,
    store: createMemoryTokenStore(),
    sessionHint: false,
    coordinator: null,
    refreshRetry: false,
    ...options,
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

const post = (path: string, body?: unknown) => fetch(`${ORIGIN}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body ?? {}) })

it('hands out access tokens that are not JWTs, and accepts them back', async () => {
  const login = await post('/auth/login', { email: backend.user.email, password: backend.user.password })
  const { access_token: token } = (await login.json()) as { access_token: string }
  expect(token).not.toContain('.')
  expect((await fetch(`${ORIGIN}/api/posts`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200)
  // Changed by one character, it is refused like any bad token (the dialect's plain 401). The character is one in the
  // middle, made sure to differ: near the end, a base64url character may carry only padding bits (the same token).
  const at = Math.floor(token.length / 2)
  const tampered = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1)
  expect(tampered).not.toBe(token)
  expect((await fetch(`${ORIGIN}/api/posts`, { headers: { Authorization: `Bearer ${tampered}` } })).status).toBe(401)
})

it('the client logs in with an opaque token: the user from the answer, the expiry from expires_in', async () => {
  const client = makeClient()
  await expect(client.login(backend.user)).resolves.toMatchObject({ email: backend.user.email })
  const snapshot = client.getSnapshot()
  expect(snapshot.status).toBe('authenticated')
  expect(snapshot.expiresAt).not.toBeNull()
  expect((await client.http.get('/posts')).status).toBe(200)
})

it('refreshes before a request once expires_in has passed by its own clock, one refresh for three requests', async () => {
  const clock = movableClock()
  const client = makeClient({ now: clock.now })
  await client.login(backend.user)
  // An hour later for the page and the server alike: the client knows from expires_in that the token is spent.
  clock.advance(3600 * 1000 + 1000)
  await backend.expireAccessToken()
  const answers = await Promise.all([client.http.get('/posts'), client.http.get('/posts'), client.http.get('/posts')])
  expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
  const stats = await backend.stats()
  expect(stats.refreshCalls).toBe(1)
  // Refreshed first, not after a refused request.
  expect(stats.protectedRequests).toBe(3)
})

it('a reload restores the session: the refresh answer names no user, so the client asks /auth/me once', async () => {
  await makeClient().login(backend.user)
  const reloaded = makeClient()
  await expect(reloaded.restore()).resolves.toBe(true)
  expect(reloaded.getSnapshot()).toMatchObject({ status: 'authenticated', user: { email: backend.user.email } })
  expect((await backend.stats()).requestsByEndpoint.me).toBe(1)
  expect((await reloaded.http.get('/posts')).status).toBe(200)
})

it("refuses a mock.accessTokens other than 'jwt' or 'opaque', naming the field", () => {
  const paseto = { ...expressTypical, mock: { ...expressTypical.mock, accessTokens: 'paseto' } } as unknown as BackendProfile
  expect(() => createTestBackend({ profile: paseto })).toThrow(BackendProfileError)
  expect(() => createTestBackend({ profile: paseto })).toThrow(expect.objectContaining({ field: 'mock.accessTokens' }))
})
