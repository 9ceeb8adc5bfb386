import { expect } from 'vitest'
import type { TabCoordinatorOptions } from '../../packages/silent-refresh/src/core/tabs/tab-coordinator'
import type { AuthClientOptions } from 'silent-refresh'
import { createTestClient } from './auth-client'
import { createFakeTabs, manualTimers } from 'silent-refresh/testing'

export type Tab = ReturnType<typeof createTestClient>

/**
 * `n` tabs of one origin in one process: a client each, one shared lock manager and channel hub (the fakes),
 * one client clock, and MSW's one cookie jar (as tabs share the browser's). With `manualTime`, every tab's
 * timers (the locks' bounds, the auth requests' timeout) run on `time`, moved by the test, on that clock.
 */
export function openTabs(
  n: number,
  options: { tabs?: Omit<TabCoordinatorOptions, 'channel' | 'timers'>; client?: Partial<AuthClientOptions>; manualTime?: boolean } = {},
) {
  const hub = createFakeTabs()
  const clock = { now: Date.now() }
  // The locks' 5 ms settle fires by itself; their bounds and the requests' timeouts wait for `time.advance`.
  const time = manualTimers(clock, { autoUpToMs: 50 })
  const timers = options.manualTime ? { timers: time.timers } : {}
  const tabs: Tab[] = Array.from({ length: n }, () => {
    const tab = createTestClient({ now: () => clock.now, coordinator: hub.coordinator({ settleMs: 5, ...options.tabs, ...timers }), ...timers, ...options.client })
    tab.client.connectTabs()
    return tab
  })
  return {
    hub,
    tabs,
    time,
    advanceClientClock: (ms: number) => {
      clock.now += ms
    },
    /** Logs in in the first tab and waits until every tab has the token. */
    async signIn() {
      await tabs[0]!.signIn()
      const token = tabs[0]!.store.get()
      await expect.poll(() => tabs.map((t) => t.store.get())).toEqual(tabs.map(() => token))
      return token
    },
  }
}
