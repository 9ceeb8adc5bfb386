import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { useMockServer } from '../../../../mocks/testing'
import { AuthRequestError, NotAuthenticatedError, SessionExpiredError } from './errors'
import { DEMO, createTestClient, deferred, holdingAdapter } from '../../../../tests/support/auth-client'

const HOUR = 3_600_000

describe('the end of a session', () => {
  const { mockControl, server } = useMockServer({ dpop: 'optional' })

  it.each([
    ['wait for the refresh before sending', true],
    ['come back 401', false],
  ])('a refused refresh with 50 requests that %s: all reject with SessionExpiredError, state cleared, onSessionEnd once', async (_label, clientKnows) => {
    const t = createTestClient()
    await t.signIn()
    await mockControl.advanceClock(HOUR + 1_000)
    if (clientKnows) t.advanceClientClock(HOUR + 1_000)
    await mockControl.failNext('refresh', 401)

    const results = await Promise.allSettled(Array.from({ length: 50 }, () => t.client.http.get('/me')))

    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof SessionExpiredError)).toBe(true)
    expect(t.store.get()).toBeNull()
    expect(t.sessionEnds).toEqual(['refresh-refused'])
    expect(t.events.filter((e) => e.type === 'session-end')).toEqual([{ type: 'session-end', reason: 'refresh-refused' }])
    expect((await mockControl.stats()).refreshCalls).toBe(1)

    // Afterwards a request fails fast: nothing is sent without a session.
    await expect(t.client.http.get('/me')).rejects.toBeInstanceOf(NotAuthenticatedError)
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1, requestsByEndpoint: { me: clientKnows ? 0 : 50 } })
    expect(t.sessionEnds).toEqual(['refresh-refused'])
  })

  it('a refresh refused because the family was revoked elsewhere ends the session the same way', async () => {
    const t = createTestClient()
    await t.signIn()
    // Another client logs out this very session (same cookie jar): the family is revoked.
    await createTestClient().client.logout()
    await mockControl.advanceClock(HOUR + 1_000)

    await expect(t.client.http.get('/posts')).rejects.toBeInstanceOf(SessionExpiredError)
    expect(t.sessionEnds).toEqual(['refresh-refused'])
  })

  it('logout tells the server, clears the token and reports the end once', async () => {
    const t = createTestClient()
    await t.signIn()
    await t.client.logout()

    expect(t.store.get()).toBeNull()
    expect(t.sessionEnds).toEqual(['logout'])
    expect(t.events.at(-1)).toEqual({ type: 'session-end', reason: 'logout' })
    expect(await mockControl.stats()).toMatchObject({ familiesRevoked: 1, requestsByEndpoint: { logout: 1 } })
    await expect(t.client.restore()).resolves.toBe(false)
  })

  it('logout clears local state even when the server cannot be reached', async () => {
    const t = createTestClient()
    await t.signIn()
    server.use(http.post('*/api/auth/logout', () => HttpResponse.error(), { once: true }))

    await expect(t.client.logout()).resolves.toMatchObject({ serverConfirmed: false })

    expect(t.store.get()).toBeNull()
    expect(t.sessionEnds).toEqual(['logout'])
    await expect(t.client.http.get('/me')).rejects.toBeInstanceOf(NotAuthenticatedError)
  })

  it('a refresh still running when the user logs out does not bring the session back', async () => {
    const loggedOut = deferred()
    const t = createTestClient({
      adapter: holdingAdapter((config) => (config.url === '/auth/refresh' ? loggedOut.promise : undefined)),
    })
    await t.signIn()
    const refreshing = t.client.refresh().catch((e: unknown) => e)
    await expect.poll(async () => (await mockControl.stats()).refreshCalls).toBe(1)
    await t.client.logout()
    loggedOut.resolve()

    expect(await refreshing).toBeInstanceOf(NotAuthenticatedError)
    expect(t.store.get()).toBeNull()
    expect(t.sessionEnds).toEqual(['logout'])
  })
})

describe('login and signup', () => {
  const { mockControl, server } = useMockServer({ dpop: 'optional' })

  it('login stores the token, returns the user and reports the session start', async () => {
    const t = createTestClient()
    const user = await t.signIn()

    expect(user).toMatchObject({ email: DEMO.email, name: 'Demo User' })
    expect(t.store.get()).toEqual(expect.any(String))
    expect(t.events).toEqual([{ type: 'session-start', via: 'login' }])
    await expect(t.client.http.get('/me')).resolves.toMatchObject({ data: { email: DEMO.email } })
  })

  it('signup signs in at once', async () => {
    const t = createTestClient()
    const user = await t.client.signup({ email: 'new@example.com', name: 'New Person', password: 'long-enough' })

    expect(user).toMatchObject({ email: 'new@example.com', name: 'New Person' })
    expect(t.events).toEqual([{ type: 'session-start', via: 'signup' }])
    await expect(t.client.http.get('/me')).resolves.toMatchObject({ data: { email: 'new@example.com' } })
  })

  it('surfaces the server error codes and messages', async () => {
    const { client } = createTestClient()
    const failure = (promise: Promise<unknown>) => promise.catch((e: unknown) => e)

    const wrong = await failure(client.login({ email: DEMO.email, password: 'wrong-password' }))
    expect(wrong).toBeInstanceOf(AuthRequestError)
    expect(wrong).toMatchObject({ name: 'AuthRequestError', code: 'invalid_credentials', status: 401 })

    const taken = await failure(client.signup({ email: DEMO.email, name: 'Again', password: 'long-enough' }))
    expect(taken).toMatchObject({ code: 'email_taken', status: 409 })

    const invalid = await failure(client.signup({ email: 'not-an-email', name: 'X', password: 'long-enough' }))
    expect(invalid).toMatchObject({ code: 'invalid_request', status: 400, message: expect.stringMatching(/\w/) })

    expect((await mockControl.stats()).refreshCalls).toBe(0)
  })

  it('reports too_many_attempts with the seconds to wait', async () => {
    const { client } = createTestClient()
    for (let i = 0; i < 5; i++) await client.login({ email: DEMO.email, password: 'wrong-password' }).catch(() => undefined)

    const limited = await client.login(DEMO).catch((e: unknown) => e)

    expect(limited).toMatchObject({ name: 'AuthRequestError', code: 'too_many_attempts', status: 429 })
    expect((limited as AuthRequestError).retryAfterSeconds).toBeGreaterThan(0)
  })

  it("names a failure whose answer has no error code 'unknown', with the status, and a message of its own when the body has none", async () => {
    const { client } = createTestClient()
    server.use(http.post('*/api/auth/login', () => new HttpResponse('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }), { once: true }))

    await expect(client.login(DEMO)).rejects.toMatchObject({ name: 'AuthRequestError', code: 'unknown', status: 502, message: 'POST /api/auth/login failed with status 502' })

    // An error that is not a string (a nested { code, message }) is not read either.
    server.use(http.post('*/api/auth/login', () => HttpResponse.json({ error: { code: 'BAD_CREDENTIALS' }, message: 'Nope' }, { status: 401 }), { once: true }))
    await expect(client.login(DEMO)).rejects.toMatchObject({ code: 'unknown', status: 401, message: 'Nope' })
  })

  it('reports an unreachable server as network_error', async () => {
    const { client } = createTestClient()
    await mockControl.failNext('login', 'network')

    await expect(client.login(DEMO)).rejects.toMatchObject({ name: 'AuthRequestError', code: 'network_error', status: null })
  })
})
