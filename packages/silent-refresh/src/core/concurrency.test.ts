import { describe, expect, it, vi } from 'vitest'
import { useMockServer } from '../../../../mocks/testing'
import { createTestClient, deferred, holdingAdapter } from '../../../../tests/support/auth-client'
import { MANY_REQUESTS_TIMEOUT_MS } from '../../../../tests/support/timeouts'

// Up to 1,000 concurrent requests a test: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: MANY_REQUESTS_TIMEOUT_MS })

const HOUR = 3_600_000

describe('many requests share one refresh', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })

  it.each([1, 10, 100, 1000])('%i concurrent requests with a token the client knows is expired → one refresh, none sent expired', async (n) => {
    const t = createTestClient()
    await t.signIn()
    await mockControl.advanceClock(HOUR + 1_000)
    t.advanceClientClock(HOUR + 1_000)

    const responses = await Promise.all(Array.from({ length: n }, () => t.client.http.get('/me')))

    expect(responses.every((r) => r.status === 200 && r.data.email === 'demo@example.com')).toBe(true)
    const stats = await mockControl.stats()
    expect(stats.refreshCalls).toBe(1)
    expect(stats.refreshFailures).toBe(0)
    expect(stats.familiesRevoked).toBe(0)
    // Each request reached /me once: none went out with the expired token and came back 401.
    expect(stats.requestsByEndpoint.me).toBe(n)
    expect(t.events.filter((e) => e.type === 'refresh-start')).toEqual([{ type: 'refresh-start', reason: 'before-request' }])
  })

  it.each([1, 10, 100, 1000])('%i concurrent requests when only the server knows the token expired → 401s, one refresh, all replayed', async (n) => {
    const t = createTestClient()
    await t.signIn()
    await mockControl.advanceClock(HOUR + 1_000)

    const responses = await Promise.all(Array.from({ length: n }, () => t.client.http.get('/me')))

    expect(responses.every((r) => r.status === 200)).toBe(true)
    const stats = await mockControl.stats()
    expect(stats.refreshCalls).toBe(1)
    expect(stats.familiesRevoked).toBe(0)
    expect(stats.requestsByEndpoint.me).toBe(2 * n)
    expect(t.events.filter((e) => e.type === 'refresh-start')).toEqual([{ type: 'refresh-start', reason: 'after-401' }])
  })

  it('replays a 401 that arrives after another refresh finished with the new token, without refreshing again', async () => {
    const release = deferred()
    const t = createTestClient({
      adapter: holdingAdapter((config) => (config.headers.get('X-Test') === 'late' ? release.promise : undefined)),
    })
    await t.signIn()
    await mockControl.advanceClock(HOUR + 1_000)

    const late = t.client.http.get('/me', { headers: { 'X-Test': 'late' } })
    await expect.poll(async () => (await mockControl.stats()).requestsByEndpoint.me).toBe(1)
    await t.client.refresh()
    release.resolve()

    await expect(late).resolves.toMatchObject({ status: 200 })
    const stats = await mockControl.stats()
    expect(stats.refreshCalls).toBe(1)
    expect(stats.requestsByEndpoint.me).toBe(2)
    expect(stats.familiesRevoked).toBe(0)
  })

  it.each([
    ['the client knows', true],
    ['only the server knows', false],
  ])('20 concurrent POSTs when %s the token expired → exactly 20 posts', async (_label, clientKnows) => {
    const t = createTestClient()
    await t.signIn()
    await mockControl.advanceClock(HOUR + 1_000)
    if (clientKnows) t.advanceClientClock(HOUR + 1_000)

    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.client.http.post('/posts', { title: `Post ${i}`, body: 'body' }, { headers: { 'Idempotency-Key': crypto.randomUUID() } }),
      ),
    )

    expect(created.map((r) => r.status)).toEqual(Array(20).fill(201))
    const stats = await mockControl.stats()
    expect(stats.postsCreated).toBe(20)
    expect(stats.refreshCalls).toBe(1)
  })
})
