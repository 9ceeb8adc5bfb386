import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { server } from '../../../../mocks'
import { useMockServer } from '../../../../mocks/testing'
import { RefreshUnavailableError, SessionExpiredError } from './errors'
import { createTestClient } from '../../../../tests/support/auth-client'
import { quickTimers } from '../../../../tests/support/lifecycle'
import { MANY_REQUESTS_TIMEOUT_MS } from '../../../../tests/support/timeouts'

const HOUR = 3_600_000

describe('one passing refresh failure loses nothing: one quick retry inside the same refresh', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })

  async function expiredSession(random = () => 0.5) {
    const clock = quickTimers()
    const t = createTestClient({ timers: clock.timers, random })
    await t.signIn()
    await mockControl.advanceClock(HOUR + 1_000)
    t.advanceClientClock(HOUR + 1_000)
    return { ...t, delays: clock.delays, advance: clock.advance }
  }

  it('one 500 under 1,000 waiting requests: 0 failed, 2 refresh calls (1 extra at most), one retry after 200–600 ms', async () => {
    const t = await expiredSession()
    await mockControl.failNext('refresh', 500)

    const results = await Promise.allSettled(Array.from({ length: 1_000 }, () => t.client.http.get('/me')))

    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(0)
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 2, refreshFailures: 1, familiesRevoked: 0, requestsByEndpoint: { me: 1_000 } })
    expect(t.delays).toEqual([400])
    expect(t.events.filter((e) => e.type === 'refresh-retry')).toEqual([{ type: 'refresh-retry', reason: 'before-request', delayMs: 400 }])
    expect(t.events.filter((e) => e.type === 'refresh-start')).toHaveLength(1)
  }, MANY_REQUESTS_TIMEOUT_MS)

  it.each([
    ['a network error', 'network'],
    ['a 500', 500],
  ] as const)('after %s the requests go through and the backoff is untouched', async (_label, kind) => {
    const t = await expiredSession()
    await mockControl.failNext('refresh', kind)

    await expect(t.client.http.get('/me')).resolves.toMatchObject({ status: 200 })
    // No backoff left behind: the next expiry refreshes at once.
    await mockControl.advanceClock(HOUR)
    t.advanceClientClock(HOUR)
    await expect(t.client.http.get('/me')).resolves.toMatchObject({ status: 200 })
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 3, refreshFailures: 1 })
  })

  it('a lost answer (the server rotated, the browser kept the old cookie): still signed in, nothing revoked', async () => {
    const t = await expiredSession()
    await mockControl.failNext('refresh', 'lost-response')

    await expect(t.client.http.get('/me')).resolves.toMatchObject({ status: 200 })
    expect(t.sessionEnds).toEqual([])
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 2, refreshGraceReuses: 1, familiesRevoked: 0 })

    // The cookie the retry got back is the family's current one: the next rotation is an ordinary one.
    await mockControl.advanceClock(HOUR + 1_000)
    t.advanceClientClock(HOUR + 1_000)
    await expect(t.client.http.get('/me')).resolves.toMatchObject({ status: 200 })
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 3, refreshGraceReuses: 1, familiesRevoked: 0 })
    expect(t.client.getSnapshot().status).toBe('authenticated')
  })

  it('the jitter spans 200–600 ms', async () => {
    const low = await expiredSession(() => 0)
    await mockControl.failNext('refresh', 'network')
    await low.client.http.get('/me')
    const high = await expiredSession(() => 0.999)
    await mockControl.failNext('refresh', 'network')
    await high.client.http.get('/me')
    expect([low.delays, high.delays]).toEqual([[200], [599]])
  })

  it('a 401 is never retried: the session ends after one call', async () => {
    const t = await expiredSession()
    await mockControl.failNext('refresh', 401)

    await expect(t.client.http.get('/me')).rejects.toBeInstanceOf(SessionExpiredError)
    expect(t.delays).toEqual([])
    expect((await mockControl.stats()).refreshCalls).toBe(1)
  })

  it('a 429 asking for longer than the retry window is not retried', async () => {
    const t = await expiredSession()
    await mockControl.failNext('refresh', 429) // Retry-After: 1 s

    await expect(t.client.http.get('/me')).rejects.toMatchObject({ name: 'RefreshUnavailableError', status: 429 })
    expect(t.delays).toEqual([])
    expect((await mockControl.stats()).refreshCalls).toBe(1)
  })

  it('a timeout is not retried: the waiting requests already waited the whole timeout (10 s, on fake time)', async () => {
    const t = await expiredSession()
    await mockControl.failNext('refresh', 'timeout')

    const failed = t.client.http.get('/me')
    await expect.poll(async () => (await mockControl.stats()).refreshCalls).toBe(1)
    t.advance(10_000)
    await expect(failed).rejects.toMatchObject({ name: 'RefreshUnavailableError', status: null, cause: { code: 'ECONNABORTED' } })
    expect(t.delays).toEqual([10_000])
    expect((await mockControl.stats()).refreshCalls).toBe(1)
  })

  it('a 503 whose Retry-After fits the window is retried after that long', async () => {
    const t = await expiredSession(() => 0)
    server.use(http.post('*/api/auth/refresh', () => new HttpResponse(null, { status: 503, headers: { 'Retry-After': '0' } }), { once: true }))

    await expect(t.client.http.get('/me')).resolves.toMatchObject({ status: 200 })
    expect(t.delays).toEqual([200])
  })

  it('two failures in a row fail the waiting requests with the typed error and start the backoff', async () => {
    const t = await expiredSession()
    await mockControl.failNext('refresh', 500, 2)

    const results = await Promise.allSettled(Array.from({ length: 50 }, () => t.client.http.get('/me')))

    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof RefreshUnavailableError)).toBe(true)
    expect((await mockControl.stats()).refreshCalls).toBe(2)
    // Backing off: the next request fails fast, without a call.
    await expect(t.client.http.get('/me')).rejects.toBeInstanceOf(RefreshUnavailableError)
    expect((await mockControl.stats()).refreshCalls).toBe(2)
  })
})
