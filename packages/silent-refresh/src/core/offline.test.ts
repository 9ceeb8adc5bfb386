import { describe, expect, it } from 'vitest'
import { useMockServer } from '../../../../mocks/testing'
import { OfflineError, RefreshUnavailableError } from './errors'
import { createTestClient, holdingAdapter } from '../../../../tests/support/auth-client'
import { fakePage, quickTimers } from '../../../../tests/support/lifecycle'

const HOUR = 3_600_000

describe('offline: fail fast, burn no backoff, check again when the network returns', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })

  async function expiredSessionOn(page: ReturnType<typeof fakePage>) {
    const clock = quickTimers()
    const t = createTestClient({ isOnline: page.isOnline, timers: clock.timers })
    t.client.connectLifecycle(page.sources)
    await t.signIn()
    await mockControl.advanceClock(HOUR + 1_000)
    t.advanceClientClock(HOUR + 1_000)
    return t
  }

  it('a request that needs a refresh fails at once with OfflineError; nothing is sent; the snapshot says offline', async () => {
    const page = fakePage()
    const t = await expiredSessionOn(page)
    page.goOffline()
    expect(t.client.getSnapshot().online).toBe(false)

    const errors = await Promise.all(Array.from({ length: 20 }, () => t.client.http.get('/me').catch((e: unknown) => e)))

    expect(errors.every((e) => e instanceof OfflineError)).toBe(true)
    expect(errors[0]).toMatchObject({ name: 'OfflineError', status: null })
    expect(errors[0]).toBeInstanceOf(RefreshUnavailableError) // the session is kept, as for any unavailable refresh
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 0, requestsByEndpoint: { me: 0 } })
    expect(t.store.get()).not.toBeNull()
    expect(t.sessionEnds).toEqual([])
  })

  it('`online` refreshes at once (no backoff was burned) and the next request needs no refresh', async () => {
    const page = fakePage()
    const t = await expiredSessionOn(page)
    page.goOffline()
    await expect(t.client.http.get('/me')).rejects.toBeInstanceOf(OfflineError)
    await expect(t.client.http.get('/me')).rejects.toBeInstanceOf(OfflineError)

    page.goOnline()
    await expect.poll(() => t.events.filter((e) => e.type === 'refresh-success')).toHaveLength(1)
    expect(t.client.getSnapshot().online).toBe(true)
    await expect(t.client.http.get('/me')).resolves.toMatchObject({ status: 200 })
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1, requestsByEndpoint: { me: 1 } })
    expect(t.events).toContainEqual({ type: 'wake', trigger: 'online' })
  })

  it('`online` resets a backoff from failures before', async () => {
    const page = fakePage()
    const clock = quickTimers()
    const t = createTestClient({ isOnline: page.isOnline, timers: clock.timers, refreshRetry: false })
    t.client.connectLifecycle(page.sources)
    await t.signIn()
    await mockControl.advanceClock(HOUR + 1_000)
    t.advanceClientClock(HOUR + 1_000)
    await mockControl.failNext('refresh', 'network')
    await expect(t.client.http.get('/me')).rejects.toBeInstanceOf(RefreshUnavailableError)
    await expect(t.client.http.get('/me')).rejects.toBeInstanceOf(RefreshUnavailableError) // backing off: no call
    expect((await mockControl.stats()).refreshCalls).toBe(1)

    page.goOffline()
    page.goOnline()
    await expect.poll(async () => (await mockControl.stats()).refreshCalls).toBe(2)
    await expect(t.client.http.get('/me')).resolves.toMatchObject({ status: 200 })
  })

  it('a refresh whose request failed because the browser went offline meanwhile: OfflineError, no backoff, no retry', async () => {
    const page = fakePage()
    // The network drops while the refresh is on the wire: the browser says offline before its failure arrives.
    const adapter = holdingAdapter((config) => (config.url === '/auth/refresh' ? void page.goOffline() : undefined))
    const t = createTestClient({ isOnline: page.isOnline, timers: quickTimers().timers, adapter })
    t.client.connectLifecycle(page.sources)
    await t.signIn()
    await mockControl.advanceClock(HOUR + 1_000)
    t.advanceClientClock(HOUR + 1_000)
    await mockControl.failNext('refresh', 'network')
    const request = t.client.http.get('/me').catch((e: unknown) => e)

    expect(await request).toBeInstanceOf(OfflineError)
    page.goOnline()
    await expect.poll(() => t.events.filter((e) => e.type === 'refresh-success')).toHaveLength(1)
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 2, refreshFailures: 1 })
  })

  it('a fresh token is still sent offline (the sync fast path is untouched)', async () => {
    const page = fakePage()
    const t = createTestClient({ isOnline: page.isOnline })
    await t.signIn()
    page.goOffline()
    await expect(t.client.http.get('/me')).resolves.toMatchObject({ status: 200 })
  })
})
