import { describe, expect, it, vi } from 'vitest'
import { useMockServer } from '../../../../../mocks/testing'
import { IDBFactory } from 'fake-indexeddb'
import { createDpopKeyStore, createDpopSigner } from '../dpop'
import { NotAuthenticatedError, SessionExpiredError } from '../errors'
import { createTabCoordinator, DEFAULT_TAB_LOCK_NAME } from './coordinator'
import { createTestClient } from '../../../../../tests/support/auth-client'
import { createFakeTabs } from '../../testing/fake-tabs'
import { openTabs, type Tab } from '../../../../../tests/support/open-tabs'
import { CRYPTO_OR_TABS_TIMEOUT_MS } from '../../../../../tests/support/timeouts'

// Several tabs' clients at once (up to 5 × 20 requests): a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: CRYPTO_OR_TABS_TIMEOUT_MS })

const HOUR = 3_600_000

const refreshStarts = (tabs: Tab[]) => tabs.flatMap((t) => t.events.filter((e) => e.type === 'refresh-start'))

describe('tabs share one session', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })

  it('login in one tab: the others adopt its token without a request, as a session started from another tab', async () => {
    const { tabs, signIn } = openTabs(3)
    await signIn()

    for (const t of tabs.slice(1)) expect(t.events).toContainEqual({ type: 'session-start', via: 'other-tab' })
    expect(tabs[0]!.events).not.toContainEqual({ type: 'session-start', via: 'other-tab' })
    const responses = await Promise.all(tabs.map((t) => t.client.http.get('/me')))
    expect(responses.map((r) => r.data.email)).toEqual(Array(3).fill('demo@example.com'))
    expect(await mockControl.stats()).toMatchObject({ logins: 1, refreshCalls: 0 })
  })

  it.each([
    ['the tabs know (their clock)', true],
    ['only the server knows (401s)', false],
  ])('5 tabs with an expired token, when %s, each firing 20 requests at once → exactly one refresh in all', async (_label, clientKnows) => {
    const { tabs, signIn, advanceClientClock } = openTabs(5)
    await signIn()
    await mockControl.advanceClock(HOUR + 1_000)
    if (clientKnows) advanceClientClock(HOUR + 1_000)

    const responses = await Promise.all(tabs.flatMap((t) => Array.from({ length: 20 }, () => t.client.http.get('/me'))))

    expect(responses.every((r) => r.status === 200)).toBe(true)
    const stats = await mockControl.stats()
    expect(stats.refreshCalls).toBe(1)
    expect(stats.refreshFailures).toBe(0)
    expect(stats.familiesRevoked).toBe(0)
    expect(stats.requestsByEndpoint.me).toBe(clientKnows ? 100 : 200)
    expect(refreshStarts(tabs)).toHaveLength(1)
    expect(new Set(tabs.map((t) => t.store.get())).size).toBe(1)
    expect(tabs.flatMap((t) => t.sessionEnds)).toEqual([])
  })

  it('without a coordinator the same five tabs race with one cookie and the server revokes the family (the bug this prevents)', async () => {
    // The contract's reuse interval (10 s) now absorbs such a race on the server; with it off, the bug shows as before.
    await mockControl.configure({ reuseIntervalMs: 0 })
    const { tabs: [first] } = openTabs(1)
    await first!.signIn()
    const token = first!.store.get()
    const clock = { now: Date.now() + HOUR + 1_000 }
    const loners = Array.from({ length: 5 }, () => createTestClient({ now: () => clock.now }))
    for (const t of loners) t.store.set(token)
    await mockControl.advanceClock(HOUR + 1_000)

    const results = await Promise.allSettled(loners.map((t) => t.client.http.get('/me')))

    expect((await mockControl.stats()).familiesRevoked).toBeGreaterThan(0)
    expect(results.some((r) => r.status === 'rejected' && r.reason instanceof SessionExpiredError)).toBe(true)
  })

  // Both run on fake time (`manualTime`): the lock's bounds and the auth requests' timeout pass when the test says.
  it('a tab frozen while holding the lock: the others take over after the wait bound, still one refresh', async () => {
    const bounds = { holdTimeoutMs: 200, waitTimeoutMs: 400 }
    const { hub, tabs, time, signIn, advanceClientClock } = openTabs(4, { tabs: bounds, manualTime: true })
    await signIn()
    // A frozen page holds the refresh lock and never lets go (its own timers never run).
    const frozen = hub.locks.request(DEFAULT_TAB_LOCK_NAME, {}, () => new Promise(() => {})).catch(() => 'robbed')
    await mockControl.advanceClock(HOUR + 1_000)
    advanceClientClock(HOUR + 1_000)

    const requests = Promise.all(tabs.flatMap((t) => [t.client.http.get('/me'), t.client.http.get('/posts')]))
    await expect.poll(() => hub.locks.pending(DEFAULT_TAB_LOCK_NAME)).toBe(4)
    time.advance(bounds.waitTimeoutMs - 1)
    await hub.delivered()
    expect(hub.locks.pending(DEFAULT_TAB_LOCK_NAME)).toBe(4)
    expect((await mockControl.stats()).refreshCalls).toBe(0)
    time.advance(1)
    const responses = await requests

    expect(responses.every((r) => r.status === 200)).toBe(true)
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1, familiesRevoked: 0 })
    await expect(frozen).resolves.toBe('robbed')
  })

  it('a tab whose refresh hangs lets the others go after the hold bound; it then uses their token', async () => {
    const { hub, tabs, time, signIn, advanceClientClock } = openTabs(4, {
      tabs: { holdTimeoutMs: 300, waitTimeoutMs: 10_000 },
      client: { authTimeoutMs: 2_000 },
      manualTime: true,
    })
    await signIn()
    await mockControl.advanceClock(HOUR + 1_000)
    advanceClientClock(HOUR + 1_000)
    await mockControl.failNext('refresh', 'timeout')

    const [hanging, ...others] = tabs
    const hangingRequest = hanging!.client.http.get('/me')
    await expect.poll(async () => (await mockControl.stats()).refreshCalls).toBe(1)
    const served = Promise.all(others.map((t) => t.client.http.get('/me')))
    await expect.poll(() => hub.locks.pending(DEFAULT_TAB_LOCK_NAME)).toBe(3)
    time.advance(300)
    const responses = await served

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200])
    // The others were served while the first tab's refresh still hung (its timeout, 2 s, has not passed).
    expect(hanging!.events.some((e) => e.type === 'refresh-failure')).toBe(false)
    time.advance(2_000)
    await expect(hangingRequest).resolves.toMatchObject({ status: 200 })
    expect(hanging!.store.get()).toBe(others[0]!.store.get())
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 2, familiesRevoked: 0 })
  })

  it('logout in one tab: every tab is logged out, and only one tells the server', async () => {
    const { tabs, signIn } = openTabs(3)
    await signIn()

    await tabs[0]!.client.logout()

    await expect.poll(() => tabs.map((t) => t.store.get())).toEqual([null, null, null])
    expect(tabs.map((t) => t.sessionEnds)).toEqual([['logout'], ['logout'], ['logout']])
    await expect(tabs[1]!.client.http.get('/me')).rejects.toBeInstanceOf(NotAuthenticatedError)
    expect(await mockControl.stats()).toMatchObject({ familiesRevoked: 1, requestsByEndpoint: { logout: 1, me: 0 } })
  })

  it('a login in any tab after a logout brings every tab back', async () => {
    const { tabs, signIn } = openTabs(3)
    await signIn()
    await tabs[0]!.client.logout()
    await expect.poll(() => tabs.map((t) => t.store.get())).toEqual([null, null, null])

    await tabs[2]!.signIn()

    const token = tabs[2]!.store.get()
    await expect.poll(() => tabs.map((t) => t.store.get())).toEqual([token, token, token])
    expect(tabs[0]!.events.at(-1)).toEqual({ type: 'session-start', via: 'other-tab' })
    await expect(tabs[0]!.client.http.get('/me')).resolves.toMatchObject({ status: 200 })
  })

  it('a refused refresh in one tab ends the session in all; their waiting requests reject with SessionExpiredError', async () => {
    const { tabs, signIn, advanceClientClock } = openTabs(3)
    await signIn()
    await mockControl.advanceClock(HOUR + 1_000)
    advanceClientClock(HOUR + 1_000)
    await mockControl.failNext('refresh', 401)

    const results = await Promise.allSettled(tabs.flatMap((t) => [t.client.http.get('/me'), t.client.http.get('/posts')]))

    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof SessionExpiredError)).toBe(true)
    expect(tabs.map((t) => t.sessionEnds)).toEqual([['refresh-refused'], ['refresh-refused'], ['refresh-refused']])
    expect(tabs.map((t) => t.store.get())).toEqual([null, null, null])
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1 })
  })

  it('a session that ends for a lost DPoP key ends so in every tab (the message says why; an older tab\'s says nothing: refused)', async () => {
    const older = openTabs(1)
    await older.signIn()
    older.hub.channel().postMessage({ type: 'session-end' })
    await expect.poll(() => older.tabs[0]!.sessionEnds).toEqual(['refresh-refused'])

    await mockControl.configure({ dpop: 'required' })
    // One browser profile: the tabs share its IndexedDB and so its one key.
    const keys = createDpopKeyStore({ indexedDB: new IDBFactory() })
    const { hub, tabs, signIn } = openTabs(2, { client: { dpop: { keys, signer: createDpopSigner() } } })
    await signIn()
    await keys.clear() // the person cleared the site's data

    await expect(tabs[0]!.client.http.get('/me')).rejects.toBeInstanceOf(SessionExpiredError)
    await expect.poll(() => tabs.map((t) => t.sessionEnds)).toEqual([['key-lost'], ['key-lost']])
    expect(hub.posted).toContainEqual({ type: 'session-end', reason: 'key-lost' })
  })

  it('a tab starting up while another refreshes restores from that refresh, not a second one', async () => {
    const { hub, tabs, signIn, advanceClientClock } = openTabs(1)
    await signIn()
    await mockControl.advanceClock(HOUR + 1_000)
    advanceClientClock(HOUR + 1_000)
    const latecomer = createTestClient({ now: () => Date.now() + HOUR + 1_000, coordinator: hub.coordinator({ settleMs: 5 }) })
    latecomer.client.connectTabs()

    const [response, restored] = await Promise.all([tabs[0]!.client.http.get('/me'), latecomer.client.restore()])

    expect(response.status).toBe(200)
    expect(restored).toBe(true)
    expect(latecomer.store.get()).toBe(tabs[0]!.store.get())
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1, familiesRevoked: 0 })
  })

  it('ignores an older token arriving late, and anything on the channel that is not a message of ours', async () => {
    const { hub, tabs, signIn, advanceClientClock } = openTabs(2)
    const first = await signIn()
    await mockControl.advanceClock(HOUR + 1_000)
    advanceClientClock(HOUR + 1_000)
    await tabs[0]!.client.http.get('/me')
    const second = tabs[0]!.store.get()
    await expect.poll(() => tabs[1]!.store.get()).toBe(second)

    const stranger = hub.channel()
    stranger.postMessage({ type: 'token', token: first, serverTime: Date.now() })
    stranger.postMessage({ type: 'token', token: 'not-a-jwt', serverTime: Date.now() })
    stranger.postMessage({ type: 'login', token: 42 })
    stranger.postMessage('logout')

    await hub.delivered()
    expect(tabs.map((t) => t.store.get())).toEqual([second, second])
    expect(tabs.flatMap((t) => t.sessionEnds)).toEqual([])
  })

  it.each([
    ['disconnected', (_tab: Tab, disconnect: () => void) => disconnect()],
    ['disposed', (t: Tab) => t.client.dispose()],
  ])('a %s tab follows the others no more', async (_label, stop) => {
    const { hub, tabs, signIn } = openTabs(1)
    const tab = createTestClient({ coordinator: hub.coordinator({ settleMs: 5 }) })
    const disconnect = tab.client.connectTabs()
    await signIn()
    await expect.poll(() => tab.store.get()).toBe(tabs[0]!.store.get())
    stop(tab, disconnect)

    await tabs[0]!.client.logout()

    await hub.delivered()
    expect(tab.store.get()).not.toBeNull()
    expect(tab.sessionEnds).toEqual([])
  })

  it('a tab that never connected shares the lock but follows nothing (what React StrictMode throws away)', async () => {
    const { hub, signIn } = openTabs(1)
    const unconnected = createTestClient({ coordinator: hub.coordinator({ settleMs: 5 }) })

    await signIn()

    await hub.delivered()
    expect(unconnected.store.get()).toBeNull()
    expect(unconnected.events).toEqual([])
  })
})

describe("another tab's token carries the session's end (the warning before it closes in every tab)", () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })

  it('a refresh in one tab moves the idle end in every tab; a login gives every tab the end', async () => {
    await mockControl.configure({ idleTtlMs: 10 * 60_000 })
    const { tabs, signIn, advanceClientClock } = openTabs(3)
    await signIn()
    const firstEnds = tabs.map((t) => t.client.getSnapshot().sessionExpiresAt)
    expect(firstEnds.every((end) => end !== null && Math.abs(end - firstEnds[0]!) < 1_000)).toBe(true)

    await mockControl.advanceClock(8 * 60_000)
    advanceClientClock(8 * 60_000)
    await tabs[1]!.client.refresh()

    const moved = tabs[1]!.client.getSnapshot().sessionExpiresAt!
    expect(moved - firstEnds[0]!).toBeGreaterThanOrEqual(8 * 60_000 - 1_000)
    await expect.poll(() => tabs.map((t) => t.client.getSnapshot().sessionExpiresAt)).toEqual([moved, moved, moved].map((m) => expect.closeTo(m, -3)))
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1 })
  })

  it('an older message without the end (a tab of the previous version) leaves the end as it was', async () => {
    const { hub, tabs: [tab] } = openTabs(1)
    await tab!.signIn()
    const end = tab!.client.getSnapshot().sessionExpiresAt
    const token = tab!.store.get()!
    const stranger = hub.channel()
    // The same user's token, re-sent as a refresh from an old tab: no `sessionExpiresAt` in it.
    stranger.postMessage({ type: 'token', token: token.replace(/\.[^.]*$/, '.x'), serverTime: Date.now() })
    await hub.delivered()
    expect(tab!.client.getSnapshot().sessionExpiresAt).toBe(end)
  })
})

describe('client.onEvent: the event stream for a listener that comes after the client (the session inspector)', () => {
  useMockServer({ dpop: 'optional' })

  it("hears refreshes and other tabs' messages (their type only, never a token) until it unsubscribes", async () => {
    const { tabs, signIn, advanceClientClock } = openTabs(2)
    const heard: unknown[] = []
    const stop = tabs[1]!.client.onEvent((event) => heard.push(event))
    await signIn()
    advanceClientClock(HOUR)
    await tabs[1]!.client.refresh()
    await expect.poll(() => tabs[0]!.events.filter((e) => e.type === 'tab-message')).toEqual([
      { type: 'tab-message', message: 'token' },
    ])
    stop()
    await tabs[0]!.client.logout()

    expect(heard).toEqual([
      { type: 'tab-message', message: 'login' },
      { type: 'session-start', via: 'other-tab' },
      { type: 'refresh-start', reason: 'manual' },
      { type: 'refresh-success', reason: 'manual' },
    ])
    expect(JSON.stringify(heard)).not.toContain('eyJ')
  })
})

/**
 * Tabs of a browser without `BroadcastChannel`: Web Locks, and one `localStorage` whose `storage` event reaches every
 * other tab that is not frozen (a frozen tab hears nothing, as in the back/forward cache).
 */
function tabsWithoutChannel(n: number) {
  const hub = createFakeTabs()
  const frozen = new Set<number>()
  const listeners = new Map<number, Set<(event: StorageEvent) => void>>()
  const storage = {
    getItem: (key: string) => hub.storage.getItem(key),
    setItem(key: string, value: string) {
      hub.storage.setItem(key, value)
      for (const [index, set] of listeners) {
        if (index === writer || frozen.has(index)) continue
        for (const listener of set) listener({ key, newValue: value } as StorageEvent)
      }
    },
  }
  let writer = -1
  const tabs = Array.from({ length: n }, (_, index) => {
    const set = new Set<(event: StorageEvent) => void>()
    listeners.set(index, set)
    const events = { addEventListener: (_: 'storage', l: (e: StorageEvent) => void) => set.add(l), removeEventListener: (_: 'storage', l: (e: StorageEvent) => void) => set.delete(l) }
    // Each tab's writes come from itself: the storage event fires in the others only.
    const own = { getItem: storage.getItem, setItem: (key: string, value: string) => ((writer = index), storage.setItem(key, value), (writer = -1)) }
    const tab = createTestClient({ coordinator: createTabCoordinator({ locks: hub.locks, channel: null, notices: { storage: own, events }, settleMs: 5 }) })
    tab.client.connectTabs()
    return tab
  })
  return { tabs, freeze: (index: number) => frozen.add(index) }
}

describe('without BroadcastChannel: logins and logouts still reach the other tabs (their kind, never a token)', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })

  it('a logout in one tab signs the others out at once, without a request', async () => {
    const { tabs } = tabsWithoutChannel(2)
    await tabs[0]!.signIn()
    await tabs[1]!.client.restore()

    await tabs[0]!.client.logout()

    expect(tabs[1]!.store.get()).toBeNull()
    expect(tabs[1]!.sessionEnds).toEqual(['logout'])
    expect(await mockControl.stats()).toMatchObject({ familiesRevoked: 1, requestsByEndpoint: { logout: 1 } })
  })

  it("a tab that missed a logout and another person's login never refreshes with its old token: the new login survives", async () => {
    const { tabs, freeze } = tabsWithoutChannel(2)
    await tabs[0]!.signIn()
    await tabs[1]!.client.restore()
    freeze(1)
    await tabs[0]!.client.logout()
    await tabs[0]!.client.signup({ email: 'next@example.com', name: 'Next Person', password: 'next-pass-123' })
    await mockControl.advanceClock(HOUR + 1_000)
    tabs[1]!.advanceClientClock(HOUR + 1_000)

    // The stale tab wakes up and needs a token: it learns of the logout under the lock and sends nothing.
    await expect(tabs[1]!.client.http.get('/me')).rejects.toBeInstanceOf(NotAuthenticatedError)

    expect(tabs[1]!.sessionEnds).toEqual(['logout'])
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1, familiesRevoked: 1 })
    await expect(tabs[0]!.client.http.get('/me')).resolves.toMatchObject({ data: { email: 'next@example.com' } })
  })
})
