// @vitest-environment jsdom
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AuthError, BackendProfileError, createAuthClient, defaultProfile, OfflineError, RefreshUnavailableError, SessionExpiredError, type AuthClient } from 'silent-refresh'
import { BOOT_NAMES } from 'silent-refresh/boot'
import { createTestBackend } from './test-backend'
import { manualTimers, movableClock } from './manual-timers'

// Not localhost and plain http: MSW's cookie jar could not store a Secure cookie here. The kit needs none.
const ORIGIN = 'http://api.example.test'
const HOUR = 3_600_000

const backend = createTestBackend()
const orders = http.get(`${ORIGIN}/api/orders`, backend.protect(() => HttpResponse.json([{ id: 1 }])))
const server = setupServer(...backend.handlers, orders)
const setCookies: string[] = []
server.events.on('response:mocked', ({ response }) => {
  const header = response.headers.get('set-cookie')
  if (header) setCookies.push(header)
})

let clients: AuthClient[] = []
function client(options: Parameters<typeof createAuthClient>[0] | object = {}) {
  const made = createAuthClient({ baseURL: `${ORIGIN}/api`, sessionHint: false, coordinator: null, ...options })
  clients.push(made)
  return made
}

/** The client's defaults where there is a `localStorage` (jsdom, a browser): the session hint on, its marks kept there. */
const asInTheBrowser = { sessionHint: undefined, persistentStorage: undefined }

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => backend.reset())
afterEach(() => {
  clients.forEach((c) => c.dispose())
  clients = []
  setCookies.length = 0
})
afterAll(() => server.close())

describe('createTestBackend', () => {
  it('signs the demo user in and serves GET /api/me, keeping the refresh session server-side (no Set-Cookie, no cookie jar)', async () => {
    const c = client()
    await c.login(backend.user)
    const me = await c.http.get('/me')
    expect(me.data).toMatchObject({ email: backend.user.email, name: backend.user.name })

    // A second client (a reload of the same browser) restores from the session the backend keeps.
    const reloaded = client()
    await reloaded.restore()
    expect(reloaded.getSnapshot().status).toBe('authenticated')
    expect(setCookies).toEqual([])
    expect(document.cookie).toBe('')
    expect(await backend.stats()).toMatchObject({ logins: 1, refreshCalls: 1, refreshFailures: 0 })
  })

  it('expireAccessToken(): the next request gets a 401, the client refreshes once and replays it', async () => {
    const c = client()
    await c.login(backend.user)
    await backend.expireAccessToken()

    const answers = await Promise.all([c.http.get('/me'), c.http.get('/me'), c.http.get('/me')])

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
    const stats = await backend.stats()
    expect(stats.refreshCalls).toBe(1)
    expect(stats.requestsByEndpoint.me).toBeGreaterThanOrEqual(4) // three refused, then the replays
  })

  it('endSession(): the access token is refused and so is the next refresh; the client signs out', async () => {
    const c = client()
    await c.login(backend.user)
    await backend.endSession()

    await expect(c.http.get('/me')).rejects.toBeInstanceOf(SessionExpiredError)
    expect(c.getSnapshot()).toMatchObject({ status: 'ended', endReason: 'refresh-refused' })
    expect(await backend.stats()).toMatchObject({ refreshCalls: 1, refreshFailures: 1 })
  })

  it.each([
    ['server-error', 500],
    ['network', null],
  ] as const)('failNextRefresh(%s): once is absorbed by the client\'s one retry; twice and the request fails, the session kept', async (kind, status) => {
    // The retry's short wait runs on fake time (it fires by itself), so the test waits for nothing.
    const c = client({ timers: manualTimers({ now: Date.now() }, { autoUpToMs: 1_000 }).timers })
    await c.login(backend.user)
    await backend.expireAccessToken()
    await backend.failNextRefresh(kind)

    expect((await c.http.get('/me')).status).toBe(200)
    expect(await backend.stats()).toMatchObject({ refreshCalls: 2, refreshFailures: 1 })

    await backend.expireAccessToken()
    await backend.failNextRefresh(kind)
    await backend.failNextRefresh(kind)
    const error = await c.http.get('/me').catch((e: unknown) => e)

    expect(error).toBeInstanceOf(RefreshUnavailableError)
    expect(error).toMatchObject({ status })
    expect(c.getSnapshot().status).toBe('authenticated')
    expect(await backend.stats()).toMatchObject({ refreshCalls: 4, refreshFailures: 3 })
  })

  it("failNextRefresh('lost-answer'): the refresh is done on the server (token rotated) and its answer lost", async () => {
    const c = client()
    await c.login(backend.user)
    await backend.failNextRefresh('lost-answer')

    await c.refresh().catch(() => undefined)
    await c.refresh()

    // The second refresh came with the replaced token, within the reuse interval: the session survives.
    expect(await backend.stats()).toMatchObject({ refreshFailures: 1, refreshGraceReuses: 1, familiesRevoked: 0 })
    expect((await c.http.get('/me')).status).toBe(200)
  })

  it('network: offline flips navigator.onLine and fires the events; a request needing a refresh fails with OfflineError, nothing sent; any request that is sent fails', async () => {
    const clock = movableClock()
    const c = client({ now: clock.now })
    await c.login(backend.user)
    const events: string[] = []
    window.addEventListener('offline', () => events.push('offline'))
    window.addEventListener('online', () => events.push('online'))
    const before = await backend.stats()

    backend.network.goOffline()
    expect(navigator.onLine).toBe(false)
    await expect(fetch(`${ORIGIN}/api/me`)).rejects.toThrow(TypeError)
    await expect(fetch(`${ORIGIN}/api/orders`)).rejects.toThrow(TypeError)
    clock.advance(HOUR + 1_000)
    await expect(c.http.get('/me')).rejects.toBeInstanceOf(OfflineError)

    const offline = await backend.stats()
    expect(offline.refreshCalls).toBe(before.refreshCalls)
    expect(offline.requestsByEndpoint.me).toBe(before.requestsByEndpoint.me)
    expect(offline.requestsWhileOffline).toBe(2) // the raw fetches only

    backend.network.goOnline()
    expect(navigator.onLine).toBe(true)
    expect(events).toEqual(['offline', 'online'])
    await backend.expireAccessToken()
    expect((await c.http.get('/me')).status).toBe(200)
  })

  it("protect(): the app's own endpoint answers a valid token, and refuses a stale or ended one with the server's 401 invalid_token", async () => {
    const c = client()
    await c.login(backend.user)
    expect((await c.http.get('/orders')).data).toEqual([{ id: 1 }])

    const stale = c.getSnapshot().tokenVersion
    const token = (await c.http.get('/orders')).config.headers.Authorization as string
    await backend.expireAccessToken()
    const refused = await fetch(`${ORIGIN}/api/orders`, { headers: { Authorization: token } })
    expect(refused.status).toBe(401)
    expect(await refused.json()).toMatchObject({ error: 'invalid_token' })
    expect(refused.headers.get('www-authenticate')).toMatch(/error="invalid_token"/)

    // Through the client: refreshed once and replayed.
    expect((await c.http.get('/orders')).status).toBe(200)
    expect(c.getSnapshot().tokenVersion).toBeGreaterThan(stale)

    await backend.endSession()
    await expect(c.http.get('/orders')).rejects.toBeInstanceOf(SessionExpiredError)
    const noToken = await fetch(`${ORIGIN}/api/orders`)
    expect(noToken.status).toBe(401)
    expect((await backend.stats()).protectedRequests).toBe(7) // the client's refused call and its replay included
  })

  it('reset(): no session, counters at zero, online again', async () => {
    const c = client()
    await c.login(backend.user)
    backend.network.goOffline()

    await backend.reset()

    expect(backend.network.online).toBe(true)
    expect(Object.hasOwn(navigator, 'onLine')).toBe(false)
    expect(await backend.stats()).toMatchObject({ logins: 0, refreshCalls: 0, requestsWhileOffline: 0, protectedRequests: 0 })
    await expect(c.refresh()).rejects.toBeInstanceOf(SessionExpiredError)
  })

  it("reset(): the client's marks leave localStorage, so the next test's restore() asks nothing (as on a first visit)", async () => {
    const signedIn = client(asInTheBrowser)
    await signedIn.login(backend.user)
    expect(localStorage.getItem(BOOT_NAMES.sessionHint)).toBe('1')

    await backend.reset()

    const next = client(asInTheBrowser)
    await expect(next.restore()).resolves.toBe(false)
    expect(await backend.stats()).toMatchObject({ refreshCalls: 0, requestsByEndpoint: { refresh: 0, logout: 0 } })
  })

  it('reset(): a logout the server never heard is not sent to the fresh backend; the DPoP nonce goes too', async () => {
    const signedIn = client(asInTheBrowser)
    await signedIn.login(backend.user)
    server.use(http.post(`${ORIGIN}/api/auth/logout`, () => HttpResponse.error(), { once: true }))
    await expect(signedIn.logout()).resolves.toMatchObject({ serverConfirmed: false })
    expect(localStorage.getItem(BOOT_NAMES.pendingLogout)).not.toBeNull()
    localStorage.setItem(BOOT_NAMES.dpopNonce, 'nonce-of-the-old-backend') // a DPoP client keeps the server's last nonce

    await backend.reset()

    expect([BOOT_NAMES.sessionHint, BOOT_NAMES.pendingLogout, BOOT_NAMES.dpopNonce].map((key) => localStorage.getItem(key))).toEqual([null, null, null])
    await expect(client(asInTheBrowser).restore()).resolves.toBe(false)
    expect((await backend.stats()).requestsByEndpoint).toMatchObject({ refresh: 0, logout: 0 })
  })

  it('accessTokenTtlMs: tokens live that long', async () => {
    const short = createTestBackend({ accessTokenTtlMs: 60_000 })
    server.use(...short.handlers)
    const c = client()
    await c.login(short.user)
    const { expiresAt, issuedAt } = c.getSnapshot() as unknown as { expiresAt: number; issuedAt: number }
    expect(expiresAt - issuedAt).toBe(60_000)
  })
})

describe('createTestBackend: wrong use is a clear AuthError', () => {
  const refusal = (run: () => unknown) => {
    try {
      run()
    } catch (error) {
      return error
    }
    throw new Error('did not throw')
  }

  it('an unknown failNextRefresh kind names the kinds there are', async () => {
    const error = await backend.failNextRefresh('timeout' as never).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect(error).toMatchObject({ code: 'invalid_test_backend_use', message: `failNextRefresh() takes 'network', 'server-error', 'lost-answer'; got "timeout"` })
  })

  it('unknown options, bad lifetimes, a bad DPoP mode', () => {
    expect(refusal(() => createTestBackend({ accessTtlMs: 1 } as never))).toMatchObject({
      code: 'invalid_test_backend_use',
      message: 'createTestBackend() has no option "accessTtlMs"; it knows accessTokenTtlMs, sessionTtlMs, dpop, profile',
    })
    expect(refusal(() => createTestBackend({ accessTokenTtlMs: 0 }))).toBeInstanceOf(AuthError)
    expect(refusal(() => createTestBackend({ sessionTtlMs: Number.NaN }))).toBeInstanceOf(AuthError)
    expect(refusal(() => createTestBackend({ dpop: 'sometimes' as never }))).toBeInstanceOf(AuthError)
    expect(refusal(() => createTestBackend(null as never))).toBeInstanceOf(AuthError)
  })

  it('a profile with a field no profile has (a typo) is a BackendProfileError naming it and the field it meant', () => {
    const typos = [
      [{ ...defaultProfile, readTokenRespones: defaultProfile.readTokenResponse }, 'readTokenRespones', 'readTokenResponse'],
      [{ ...defaultProfile, endpoints: { ...defaultProfile.endpoints, referesh: '/auth/refresh' } }, 'endpoints.referesh', 'endpoints.refresh'],
      [{ ...defaultProfile, mock: { tokenAnwser: () => ({}) } }, 'mock.tokenAnwser', 'mock.tokenAnswer'],
    ] as const
    for (const [profile, field, meant] of typos) {
      const error = refusal(() => createTestBackend({ profile: profile as never }))
      expect(error).toBeInstanceOf(BackendProfileError)
      expect(error).toMatchObject({ field, message: expect.stringContaining(`did you mean ${meant}?`) })
    }
  })

  it('endSession() with no one signed in, protect() without a resolver', async () => {
    await expect(backend.endSession()).rejects.toMatchObject({ code: 'invalid_test_backend_use', message: expect.stringContaining('no one is signed in') })
    expect(refusal(() => backend.protect(undefined as never))).toBeInstanceOf(AuthError)
  })
})
