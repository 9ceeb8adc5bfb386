import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AuthError, AuthRequestError, createAuthClient, createMemoryTokenStore, RefreshUnavailableError, SessionExpiredError, type AuthClientOptions, type SessionEndReason } from 'silent-refresh'
import { createFakeTabs } from 'silent-refresh/testing'
import { cookieJar } from '../support/node-cookie-jar'
import expressTypical from './profile'
import { startTypicalServer, TYPICAL_DEMO_USER, type TypicalServer, type TypicalServerOptions } from './server'

/**
 * The core in Node against a backend written the tutorial way, given only the profile file: login, a refresh and a
 * replay after expiry, a restore (a new client on the same cookies: a reload), a refused refresh, logout.
 */

const MINUTE = 60_000

let server: TypicalServer
let jar: ReturnType<typeof cookieJar>
let clock: { now: number }
let ends: SessionEndReason[]

async function start(options: TypicalServerOptions = {}) {
  server = await startTypicalServer({ ...options, now: () => clock.now })
}

function makeClient(overrides: Partial<AuthClientOptions> = {}) {
  return createAuthClient({
    baseURL: `${server.url}/api`,
    backend: expressTypical,
    store: createMemoryTokenStore(),
    adapter: jar.adapter,
    now: () => clock.now,
    sessionHint: false,
    refreshRetry: false,
    onSessionEnd: (reason) => ends.push(reason),
    ...overrides,
  })
}

beforeEach(() => {
  jar = cookieJar()
  clock = { now: Date.now() }
  ends = []
})
afterEach(() => server.close())

describe.each([
  ['a JWT without typ, 403 on a refused refresh', { accessToken: 'jwt', refusedRefreshStatus: 403 }],
  ['an opaque token, 401 on a refused refresh', { accessToken: 'opaque', refusedRefreshStatus: 401 }],
] as const)('the core against a typical Express backend: %s', (_, options) => {
  beforeEach(() => start(options))

  it('logs in at /auth/login and calls the API at /api with the token, which goes nowhere else', async () => {
    const client = makeClient()
    const user = await client.login(TYPICAL_DEMO_USER)
    expect(user).toMatchObject({ email: TYPICAL_DEMO_USER.email, name: TYPICAL_DEMO_USER.name })
    expect(client.getSnapshot()).toMatchObject({ status: 'authenticated', user: { email: TYPICAL_DEMO_USER.email } })
    expect((await client.http.get('/posts')).status).toBe(200)
    expect(jar.value('jid')).toEqual(expect.any(String))
    expect(server.tokenSentTo()).toEqual(['/api/posts'])
  })

  it('refreshes once and replays after the server says the token expired (a plain 401)', async () => {
    const client = makeClient()
    await client.login(TYPICAL_DEMO_USER)
    const cookie = jar.value('jid')
    // The server's clock only: the client still thinks its token is fresh, so the API's 401 is what tells it.
    server.advanceClock(16 * MINUTE)
    const answers = await Promise.all([client.http.get('/posts'), client.http.get('/me')])
    expect(answers.map((a) => a.status)).toEqual([200, 200])
    expect(server.calls()).toMatchObject({ '/auth/refresh': 1, '/api/posts': 2, '/api/me': 2 })
    expect(jar.value('jid')).not.toBe(cookie)
  })

  it('refreshes before a request once the lifetime it read (exp or expires_in) is nearly over', async () => {
    const client = makeClient()
    await client.login(TYPICAL_DEMO_USER)
    server.advanceClock(15 * MINUTE)
    clock.now += 15 * MINUTE
    expect((await client.http.get('/posts')).status).toBe(200)
    expect(server.calls()).toMatchObject({ '/auth/refresh': 1, '/api/posts': 1 })
    expect(client.getSnapshot().expiresLocallyAt).toBeGreaterThan(clock.now + 10 * MINUTE)
  })

  it('restores after a reload from the cookie, reading the user from /auth/me once', async () => {
    await makeClient().login(TYPICAL_DEMO_USER)
    const reloaded = makeClient()
    await expect(reloaded.restore()).resolves.toBe(true)
    expect(reloaded.getSnapshot()).toMatchObject({ status: 'authenticated', user: { email: TYPICAL_DEMO_USER.email, name: TYPICAL_DEMO_USER.name } })
    expect(server.calls()['/auth/me']).toBe(1)
    expect((await reloaded.http.get('/posts')).status).toBe(200)
    expect(server.calls()['/auth/me']).toBe(1)
  })

  it(`ends the session when the refresh is refused (${options.refusedRefreshStatus})`, async () => {
    const client = makeClient()
    await client.login(TYPICAL_DEMO_USER)
    // The login ends elsewhere (a logout from another device with the same cookie).
    await fetch(`${server.url}/auth/logout`, { method: 'POST', headers: { Cookie: `jid=${jar.value('jid')}` } })
    server.advanceClock(16 * MINUTE)
    await expect(client.http.get('/posts')).rejects.toBeInstanceOf(SessionExpiredError)
    expect(ends).toEqual(['refresh-refused'])
    expect(client.getSnapshot()).toMatchObject({ status: 'ended', endReason: 'refresh-refused' })
  })

  it('logs out: the server hears it, and a reload finds no session', async () => {
    const client = makeClient()
    await client.login(TYPICAL_DEMO_USER)
    await expect(client.logout()).resolves.toEqual({ serverConfirmed: true })
    expect(ends).toEqual(['logout'])
    // Signed out, not "ended": the app can tell a logout from a session that ended in use.
    expect(client.getSnapshot()).toMatchObject({ status: 'anonymous', endReason: 'logout' })
    expect(jar.value('jid')).toBeUndefined()
    await expect(makeClient().restore()).resolves.toBe(false)
  })

  it("another tab takes the login's token and what its answer said of it (a token it cannot decode), and uses it without a refresh", async () => {
    const tabs = createFakeTabs()
    const first = makeClient({ coordinator: tabs.coordinator() })
    const second = makeClient({ coordinator: tabs.coordinator() })
    const stop = second.connectTabs()
    await first.login(TYPICAL_DEMO_USER)
    await tabs.delivered()
    expect(second.getSnapshot()).toMatchObject({ status: 'authenticated', user: { email: TYPICAL_DEMO_USER.email } })
    expect(second.getSnapshot().expiresAt).toBe(first.getSnapshot().expiresAt)
    expect((await second.http.get('/posts')).status).toBe(200)
    expect(server.calls()['/auth/refresh']).toBeUndefined()
    stop()
    first.dispose()
    second.dispose()
  })
})

describe("login and signup errors in the typical backend's words", () => {
  beforeEach(() => start())

  it("are read by the profile's readError from the status (its answers carry only a message): the app's codes, the server's message", async () => {
    const client = makeClient()
    const wrong = await client.login({ email: TYPICAL_DEMO_USER.email, password: 'wrong-password' }).catch((e: unknown) => e)
    expect(wrong).toBeInstanceOf(AuthRequestError)
    expect(wrong).toMatchObject({ code: 'invalid_credentials', status: 401, message: 'Invalid email or password' })

    const taken = await client.signup({ email: TYPICAL_DEMO_USER.email, name: 'Again', password: 'long-enough' }).catch((e: unknown) => e)
    expect(taken).toMatchObject({ code: 'email_taken', status: 409, message: 'Email already registered' })
  })

  it("have the code 'unknown' without a readError that reads them (the default reads only an error field)", async () => {
    const { readError: _ignored, ...withoutReader } = expressTypical
    const wrong = await makeClient({ backend: withoutReader }).login({ email: TYPICAL_DEMO_USER.email, password: 'wrong-password' }).catch((e: unknown) => e)
    expect(wrong).toMatchObject({ code: 'unknown', status: 401, message: 'Invalid email or password' })
  })
})

describe('a server without a reuse interval, when a refresh answer is lost', () => {
  beforeEach(() => start({ accessToken: 'jwt' }))

  it('never sends the rotated-away cookie again, and says the session may have ended', async () => {
    const client = makeClient({ refreshRetry: { minDelayMs: 0, maxDelayMs: 0 } })
    await client.login(TYPICAL_DEMO_USER)
    server.loseNextAnswer('/auth/refresh')
    server.advanceClock(16 * MINUTE)
    const error = await client.http.get('/posts').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SessionExpiredError)
    expect((error as Error).message).toMatch(/may have ended/)
    expect(ends).toEqual(['refresh-lost'])
    expect(client.getSnapshot()).toMatchObject({ status: 'ended', endReason: 'refresh-lost' })
    await expect(client.http.get('/posts')).rejects.toBeInstanceOf(Error)
    expect(server.calls()['/auth/refresh']).toBe(1)
  })
})

describe('a profile that reads the answers wrong', () => {
  beforeEach(() => start())

  it('fails the first login with an AuthError naming readTokenResponse().accessToken, and stores nothing', async () => {
    const camelCase = { ...expressTypical, readTokenResponse: (body: unknown) => ({ accessToken: (body as { accessToken: string }).accessToken }) }
    const client = makeClient({ backend: camelCase })
    const error = await client.login(TYPICAL_DEMO_USER).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect(error).toMatchObject({ code: 'invalid_response', message: expect.stringContaining('readTokenResponse().accessToken') })
    expect(client.getSnapshot().status).not.toBe('authenticated')
  })

  it('says a refresh answer was not understood (invalid_response), keeping the session, when the refresh path is wrong (an HTML 404)', async () => {
    const client = makeClient({ backend: { ...expressTypical, endpoints: { ...expressTypical.endpoints, refresh: '/api/auth/refresh' } } })
    await client.login(TYPICAL_DEMO_USER)
    const error = await client.refresh().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RefreshUnavailableError)
    expect(error).toMatchObject({ code: 'invalid_response', status: 404 })
    expect(client.getSnapshot().status).toBe('authenticated')
    expect(ends).toEqual([])
  })
})
