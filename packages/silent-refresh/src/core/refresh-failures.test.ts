import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { useMockServer } from '../../../../mocks/testing'
import { RefreshUnavailableError } from './errors'
import { createTestClient } from '../../../../tests/support/auth-client'
import { manualTimers } from '../testing/manual-timers'

const HOUR = 3_600_000

describe('a refresh that cannot reach the server keeps the session', () => {
  const { mockControl, server } = useMockServer({ dpop: 'optional' })

  /** These tests are about a refresh that keeps failing: the one quick retry has its own tests (lost-answers.test.ts). */
  async function expiredSession(options: Parameters<typeof createTestClient>[0] = {}) {
    const t = createTestClient({ refreshRetry: false, ...options })
    await t.signIn()
    await mockControl.advanceClock(HOUR + 1_000)
    t.advanceClientClock(HOUR + 1_000)
    return t
  }

  it.each([
    ['a 500', 500, 500],
    ['a network error', 'network', null],
    ['a timeout', 'timeout', null],
  ] as const)('after %s: typed error, session kept, and the next request succeeds once the server is back', async (_label, kind, status) => {
    // The auth requests' timeout (10 s by default) runs on fake time: the test moves it once the refresh is sent.
    const time = manualTimers()
    const t = await expiredSession({ timers: time.timers })
    await mockControl.failNext('refresh', kind)

    const failed = t.client.http.get('/me').catch((e: unknown) => e)
    await expect.poll(async () => (await mockControl.stats()).refreshCalls).toBe(1)
    // Only the timeout needs the time moved: for a 500 the answer may still be on its way when the server has counted
    // the call, and moving the time then would turn it into a timeout (seen under load in the full run).
    if (kind === 'timeout') time.advance(10_000)
    const error = await failed

    expect(error).toBeInstanceOf(RefreshUnavailableError)
    expect(error).toMatchObject({ name: 'RefreshUnavailableError', status })
    expect((error as Error).cause).toBeDefined()
    expect(t.store.get()).not.toBeNull()
    expect(t.sessionEnds).toEqual([])
    expect(t.events).toContainEqual({ type: 'refresh-failure', reason: 'before-request', error })

    t.advanceClientClock(1_000)
    await expect(t.client.http.get('/me')).resolves.toMatchObject({ status: 200 })
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 2, refreshFailures: 1, logins: 1, familiesRevoked: 0 })
  })

  it('backs off exponentially while the server is down: waiting requests fail fast without calling it', async () => {
    const t = await expiredSession()
    await mockControl.failNext('refresh', 500, 3)
    const attempt = () => t.client.http.get('/me').then(() => 'ok', (e: unknown) => (e instanceof RefreshUnavailableError ? 'unavailable' : e))
    const refreshCalls = async () => (await mockControl.stats()).refreshCalls

    expect(await attempt()).toBe('unavailable')
    expect(await Promise.all(Array.from({ length: 20 }, attempt))).toEqual(Array(20).fill('unavailable'))
    expect(await refreshCalls()).toBe(1)

    t.advanceClientClock(1_000) // first step: 1 s
    expect(await attempt()).toBe('unavailable')
    expect(await refreshCalls()).toBe(2)

    t.advanceClientClock(1_999) // second step: 2 s
    expect(await attempt()).toBe('unavailable')
    expect(await refreshCalls()).toBe(2)
    t.advanceClientClock(1)
    expect(await attempt()).toBe('unavailable')
    expect(await refreshCalls()).toBe(3)

    t.advanceClientClock(4_000) // third step: 4 s; the mock is back
    expect(await attempt()).toBe('ok')
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 4, refreshFailures: 3, requestsByEndpoint: { me: 1, login: 1 } })
  })

  it('caps the backoff', async () => {
    const t = await expiredSession({ refreshBackoff: { baseMs: 1_000, maxMs: 3_000 } })
    await mockControl.failNext('refresh', 'network', 5)
    for (let i = 0; i < 5; i++) {
      await expect(t.client.http.get('/me')).rejects.toBeInstanceOf(RefreshUnavailableError)
      t.advanceClientClock(3_000)
    }
    await expect(t.client.http.get('/me')).resolves.toMatchObject({ status: 200 })
    expect((await mockControl.stats()).refreshCalls).toBe(6)
  })

  it('honours Retry-After on a 429', async () => {
    const t = await expiredSession({ refreshBackoff: { baseMs: 100 } })
    await mockControl.failNext('refresh', 429)

    const error = await t.client.http.get('/me').catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'RefreshUnavailableError', status: 429 })

    t.advanceClientClock(999)
    await expect(t.client.http.get('/me')).rejects.toBeInstanceOf(RefreshUnavailableError)
    expect((await mockControl.stats()).refreshCalls).toBe(1)
    t.advanceClientClock(1)
    await expect(t.client.http.get('/me')).resolves.toMatchObject({ status: 200 })
    expect((await mockControl.stats()).refreshCalls).toBe(2)
  })

  it.each([
    ['the default 30 s', {}, 30_000],
    ['a longer maxMs', { refreshBackoff: { maxMs: 120_000 } }, 120_000],
  ] as const)('a Retry-After of ten years waits at most refreshBackoff.maxMs (%s), then refreshes again', async (_label, options, maxMs) => {
    const t = await expiredSession(options)
    server.use(http.post('*/api/auth/refresh', () => new HttpResponse(null, { status: 503, headers: { 'Retry-After': '315360000' } }), { once: true }))

    const error = await t.client.http.get('/me').catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'RefreshUnavailableError', status: 503, retryAt: t.clock.now + maxMs })

    t.advanceClientClock(maxMs - 1)
    await expect(t.client.http.get('/me')).rejects.toBeInstanceOf(RefreshUnavailableError)
    await t.client.checkSession('visible')
    expect((await mockControl.stats()).refreshCalls).toBe(0)
    t.advanceClientClock(1)
    await expect(t.client.http.get('/me')).resolves.toMatchObject({ status: 200 })
    expect((await mockControl.stats()).refreshCalls).toBe(1)
  })

  it('after a 401 and a failed refresh, rejects with the typed error and recovers later', async () => {
    const t = createTestClient({ refreshRetry: false })
    await t.signIn()
    await mockControl.advanceClock(HOUR + 1_000)
    await mockControl.failNext('refresh', 500)

    await expect(t.client.http.get('/me')).rejects.toMatchObject({ name: 'RefreshUnavailableError', status: 500 })
    // Still backing off: the server's 401 does not trigger another refresh.
    await expect(t.client.http.get('/me')).rejects.toBeInstanceOf(RefreshUnavailableError)
    expect((await mockControl.stats()).refreshCalls).toBe(1)

    t.advanceClientClock(1_000)
    await expect(t.client.http.get('/me')).resolves.toMatchObject({ status: 200 })
    expect(t.sessionEnds).toEqual([])
  })

  it('still uses a token that is expiring but not expired when the proactive refresh fails', async () => {
    const t = createTestClient({ refreshRetry: false })
    await t.signIn()
    await mockControl.advanceClock(HOUR - 10_000)
    t.advanceClientClock(HOUR - 10_000)
    await mockControl.failNext('refresh', 500)

    await expect(t.client.http.get('/me')).resolves.toMatchObject({ status: 200 })
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1, requestsByEndpoint: { me: 1 } })
  })

  it('never retries a replay: a second 401 after the refresh reaches the caller', async () => {
    const t = createTestClient()
    await t.signIn()
    await mockControl.failNext('me', 401, 2)

    const error = await t.client.http.get('/me').catch((e: unknown) => e)

    expect(error).toMatchObject({ name: 'AxiosError', response: { status: 401 } })
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1, requestsByEndpoint: { me: 2 } })
  })
})
