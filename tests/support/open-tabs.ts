import { expect } from 'vitest'
import type { TabCoordinatorOptions } from '../../src/auth/tabs/tab-coordinator'
import type { AuthClientOptions } from '../../src/auth'
import { createTestClient } from './auth-client'
import { createFakeTabs } from './fake-tabs'

export type Tab = ReturnType<typeof createTestClient>

/**
 * `n` tabs of one origin in one process: a client each, one shared lock manager and channel hub (the fakes),
 * one client clock, and MSW's one cookie jar (as tabs share the browser's).
 */
export function openTabs(n: number, options: { tabs?: Omit<TabCoordinatorOptions, 'channel'>; client?: Partial<AuthClientOptions> } = {}) {
  const hub = createFakeTabs()
  const clock = { now: Date.now() }
  const tabs: Tab[] = Array.from({ length: n }, () => {
    const tab = createTestClient({ now: () => clock.now, coordinator: hub.coordinator({ settleMs: 5, ...options.tabs }), ...options.client })
    tab.client.connectTabs()
    return tab
  })
  return {
    hub,
    tabs,
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

