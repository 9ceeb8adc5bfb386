import { describe, expect, it } from 'vitest'
import { useMockServer } from '../../../../mocks/testing'
import { watchWake } from './lifecycle/wake-watcher'
import type { WakeTrigger } from './types'
import { createTestClient, DEMO } from '../../../../tests/support/auth-client'
import { fakePage, quickTimers } from '../../../../tests/support/lifecycle'
import { openTabs } from '../../../../tests/support/open-tabs'

const HOUR = 3_600_000
const DAY = 24 * HOUR

describe('watchWake: the moments a page comes back', () => {
  function watched() {
    const page = fakePage()
    const clock = quickTimers()
    const time = { now: 0 }
    const woken: Array<WakeTrigger | 'offline'> = []
    const stop = watchWake(page.sources, clock.timers, () => time.now, { wake: (t) => woken.push(t), offline: () => woken.push('offline') })
    return { page, clock, time, woken, stop }
  }

  it('visible again, pageshow (bfcache or not), online and offline', () => {
    const { page, woken } = watched()
    page.hide()
    page.show()
    page.pageshow(false)
    page.pageshow(true)
    page.goOffline()
    page.goOnline()
    expect(woken).toEqual(['visible', 'pageshow', 'bfcache', 'offline', 'online'])
  })

  it('a timer tick far later than planned is a sleep; ticks on time are not', () => {
    const { clock, time, woken } = watched()
    for (let i = 0; i < 5; i++) {
      time.now += 10_000
      clock.tick()
    }
    time.now += 10_000 + 30_000 // a late tick within the threshold (a busy or throttled tab)
    clock.tick()
    expect(woken).toEqual([])
    time.now += 2 * HOUR
    clock.tick()
    expect(woken).toEqual(['clock-jump'])
  })

  it('stop removes every listener and the timer', () => {
    const { page, clock, woken, stop } = watched()
    stop()
    page.show()
    page.goOnline()
    expect(clock.intervalCount()).toBe(0)
    expect(woken).toEqual([])
  })
})

describe('waking up checks the session at once', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })

  async function sleepingTab() {
    const page = fakePage()
    const clock = quickTimers()
    const t = createTestClient({ isOnline: page.isOnline, timers: clock.timers })
    t.client.connectLifecycle(page.sources)
    await t.signIn()
    return { ...t, page, clock }
  }

  it.each([
    ['the page becomes visible', (t: Awaited<ReturnType<typeof sleepingTab>>) => t.page.show()],
    ['the clock jumped (a sleep)', (t: Awaited<ReturnType<typeof sleepingTab>>) => t.clock.tick()],
  ])('after a 2 h sleep, when %s: one refresh before any request; the first request then needs no refresh and gets no 401', async (_label, wake) => {
    const t = await sleepingTab()
    t.page.hide()
    await mockControl.advanceClock(2 * HOUR)
    t.advanceClientClock(2 * HOUR)

    wake(t)
    await expect.poll(() => t.events.filter((e) => e.type === 'refresh-success')).toEqual([{ type: 'refresh-success', reason: 'wake' }])
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1, requestsByEndpoint: { me: 0 } })

    await expect(t.client.http.get('/me')).resolves.toMatchObject({ status: 200 })
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1, requestsByEndpoint: { me: 1 } })
  })

  it('a fresh token is left alone: waking costs nothing', async () => {
    const t = await sleepingTab()
    t.page.show()
    t.page.goOnline()
    await t.client.checkSession('clock-jump')
    expect((await mockControl.stats()).refreshCalls).toBe(0)
  })

  it('the login ended during a 15-day sleep: the session ends on waking, before the user does anything', async () => {
    const t = await sleepingTab()
    await mockControl.advanceClock(15 * DAY)
    t.advanceClientClock(15 * DAY)

    t.clock.tick()

    await expect.poll(() => t.client.getSnapshot().status).toBe('ended')
    expect(t.client.getSnapshot()).toMatchObject({ endReason: 'refresh-refused', user: null })
    expect(t.sessionEnds).toEqual(['refresh-refused'])
    expect((await mockControl.stats()).requestsByEndpoint.me).toBe(0)
  })

  it('two tabs woken by the same sleep: exactly one refresh, the other tab takes its token', async () => {
    const page = fakePage()
    const { tabs, signIn, advanceClientClock } = openTabs(2, { client: { isOnline: page.isOnline, timers: quickTimers().timers } })
    await signIn()
    await mockControl.advanceClock(2 * HOUR)
    advanceClientClock(2 * HOUR)

    await Promise.all(tabs.map((t) => t.client.checkSession('clock-jump')))

    expect((await mockControl.stats()).refreshCalls).toBe(1)
    expect(tabs[0]!.store.get()).toBe(tabs[1]!.store.get())
    await Promise.all(tabs.map((t) => t.client.http.get('/me')))
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1, requestsByEndpoint: { me: 2 } })
  })

  it('restored from the back/forward cache after another tab logged out: the session ends on pageshow', async () => {
    const t = await sleepingTab()
    // Another tab logged out while this one was frozen (its message never arrived): same cookie jar, another client.
    const other = createTestClient()
    await other.client.restore()
    await other.client.logout()

    t.page.pageshow(true)

    await expect.poll(() => t.client.getSnapshot().status).toBe('ended')
    expect(t.events).toContainEqual({ type: 'wake', trigger: 'bfcache' })
  })

  it('restored from the back/forward cache after another tab logged in: this tab is signed in too', async () => {
    const page = fakePage()
    const t = createTestClient({ isOnline: page.isOnline })
    t.client.connectLifecycle(page.sources)
    await t.client.restore()
    expect(t.client.getSnapshot().status).toBe('anonymous')
    await createTestClient().client.login(DEMO)

    page.pageshow(true)

    await expect.poll(() => t.client.getSnapshot().status).toBe('authenticated')
    expect(t.client.getSnapshot().user).toMatchObject({ email: DEMO.email })
    expect(t.events).toContainEqual({ type: 'session-start', via: 'restore' })
  })

  it('restored from the back/forward cache with a token still fresh: one refresh to catch up, nothing revoked', async () => {
    const t = await sleepingTab()
    const other = createTestClient()
    await other.client.refresh() // rotated the cookie this tab's token was issued beside
    await mockControl.advanceClock(60_000) // past the reuse interval: only the current cookie is good now

    t.page.pageshow(true)

    await expect.poll(() => t.events.filter((e) => e.type === 'refresh-success')).toHaveLength(1)
    expect(await mockControl.stats()).toMatchObject({ familiesRevoked: 0 })
    expect(t.client.getSnapshot().status).toBe('authenticated')
  })
})
