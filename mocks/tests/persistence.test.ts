import { getResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { createMockBackend, DEMO_USER, MOCK_STORAGE_KEY, type KeyValueStorage, type MockBackend } from '../index'

function memoryStorage(): KeyValueStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>()
  return { entries, getItem: (key) => entries.get(key) ?? null, setItem: (key, value) => void entries.set(key, value) }
}

/** A request straight into the backend's handlers, as the service worker would hand it over. */
async function call(backend: MockBackend, path: string, init: { json?: unknown; cookie?: string; token?: string } = {}) {
  const headers = new Headers({ 'X-Requested-With': 'XMLHttpRequest' })
  if (init.json !== undefined) headers.set('Content-Type', 'application/json')
  if (init.cookie) headers.set('Cookie', `refresh_token=${init.cookie}`)
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`)
  const request = new Request(`http://app.test${path}`, {
    method: init.json !== undefined || path.startsWith('/api/auth') ? 'POST' : 'GET',
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  })
  const response = await getResponse(backend.handlers, request)
  if (!response) throw new Error(`no handler for ${path}`)
  const cookie = /refresh_token=([^;]*)/.exec(response.headers.get('set-cookie') ?? '')?.[1]
  const body: unknown = response.status === 204 ? null : await response.json()
  return { status: response.status, body, cookie }
}

/** A backend whose clients log in without DPoP proofs (the default is `required`); the mode is saved with the rest. */
async function bearerBackend(storage: KeyValueStorage): Promise<MockBackend> {
  const backend = createMockBackend({ storage })
  await backend.control.configure({ dpop: 'optional' })
  return backend
}

describe('the browser mock keeps its database across a page reload (storage)', () => {
  it('restores users, sessions, the clock and the signing secret', async () => {
    const storage = memoryStorage()
    const before = await bearerBackend(storage)
    const signup = await call(before, '/api/auth/signup', { json: { email: 'reload@example.com', name: 'Reload', password: 'password1' } })
    expect(signup.status).toBe(201)
    await before.control.advanceClock(2 * 60 * 60 * 1000)

    const after = createMockBackend({ storage })
    const refresh = await call(after, '/api/auth/refresh', { cookie: signup.cookie })
    expect(refresh.status).toBe(200)
    const me = await call(after, '/api/me', { token: (refresh.body as { accessToken: string }).accessToken })
    expect(me.body).toMatchObject({ email: 'reload@example.com' })
    // The clock offset survived: the first access token (1 h) is expired for the reloaded mock.
    expect((await call(after, '/api/me', { token: (signup.body as { accessToken: string }).accessToken })).status).toBe(401)
    expect((await after.control.stats()).requestsByEndpoint).toMatchObject({ signup: 1, refresh: 1 })
  })

  it('keeps reuse detection across the reload: the pre-reload cookie, once rotated, revokes the family', async () => {
    const storage = memoryStorage()
    const login = await call(await bearerBackend(storage), '/api/auth/login', { json: DEMO_USER })
    const after = createMockBackend({ storage })
    const rotated = await call(after, '/api/auth/refresh', { cookie: login.cookie })
    await after.control.advanceClock(11_000) // past the reuse interval
    expect((await call(after, '/api/auth/refresh', { cookie: login.cookie })).status).toBe(401)
    expect((await call(after, '/api/auth/refresh', { cookie: rotated.cookie })).status).toBe(401)
  })

  it('stores hashes only: no password, no refresh token, no access token in storage', async () => {
    const storage = memoryStorage()
    const backend = await bearerBackend(storage)
    const signup = await call(backend, '/api/auth/signup', { json: { email: 'secret@example.com', name: 'S', password: 'plain-text-pw' } })
    const refresh = await call(backend, '/api/auth/refresh', { cookie: signup.cookie })
    await backend.control.stats()
    const saved = storage.entries.get(MOCK_STORAGE_KEY) ?? ''
    expect(saved).toContain('secret@example.com')
    for (const secret of ['plain-text-pw', DEMO_USER.password, signup.cookie, refresh.cookie, (refresh.body as { accessToken: string }).accessToken]) {
      expect(saved).not.toContain(secret)
    }
    expect([...storage.entries.keys()]).toEqual([MOCK_STORAGE_KEY])
  })

  it('sees what another tab wrote: two backends on one storage share one database', async () => {
    const storage = memoryStorage()
    const tabA = await bearerBackend(storage)
    const tabB = createMockBackend({ storage })
    const login = await call(tabA, '/api/auth/login', { json: DEMO_USER })
    const rotated = await call(tabB, '/api/auth/refresh', { cookie: login.cookie })
    expect(rotated.status).toBe(200)
    expect((await call(tabA, '/api/auth/refresh', { cookie: rotated.cookie })).status).toBe(200)
  })

  it('starts fresh from a corrupt entry', async () => {
    const storage = memoryStorage()
    storage.setItem(MOCK_STORAGE_KEY, '{not json')
    const login = await call(await bearerBackend(storage), '/api/auth/login', { json: DEMO_USER })
    expect(login.status).toBe(200)
  })
})
