import type { APIRequestContext, Page } from '@playwright/test'
import type { MockControl, MockStats } from '../../mocks/types'

export type { MockStats }

/** The mock's controls, whichever target runs it (the e2e specs use these five). */
export type MockControls = Pick<MockControl, 'reset' | 'advanceClock' | 'configure' | 'stats' | 'failNext'>

/** The mock server of the http target, through the app's origin (`vite preview` proxies `/__mock`). */
export function httpMockControls(request: APIRequestContext): MockControls {
  async function post(path: string, data?: unknown): Promise<void> {
    const response = await request.post(path, data === undefined ? {} : { data })
    if (!response.ok()) throw new Error(`POST ${path} answered ${response.status()}: ${await response.text()}`)
  }
  return {
    reset: () => post('/__mock/reset'),
    advanceClock: (advanceMs) => post('/__mock/clock', { advanceMs }),
    configure: (config) => post('/__mock/config', config),
    failNext: (endpoint, kind, times = 1) => post('/__mock/fail', { endpoint, kind, times }),
    async stats() {
      const response = await request.get('/__mock/stats')
      if (!response.ok()) throw new Error(`GET /__mock/stats answered ${response.status()}`)
      return (await response.json()) as MockStats
    },
  }
}

interface WindowWithMock {
  __mock: MockControl
}

/**
 * The browser mock of mock mode (`window.__mock`), which lives in the page: its database is in the page's
 * localStorage, so every call needs a page of the app that has started the worker.
 */
export function pageMockControls(page: Page): MockControls {
  async function mock() {
    await page.waitForFunction(() => '__mock' in window)
  }
  return {
    async reset() {
      await mock()
      await page.evaluate(() => (window as unknown as WindowWithMock).__mock.reset())
    },
    async advanceClock(ms) {
      await mock()
      await page.evaluate((value) => (window as unknown as WindowWithMock).__mock.advanceClock(value), ms)
    },
    async configure(config) {
      await mock()
      await page.evaluate((value) => (window as unknown as WindowWithMock).__mock.configure(value), config)
    },
    async failNext(endpoint, kind, times = 1) {
      await mock()
      await page.evaluate(([e, k, n]) => (window as unknown as WindowWithMock).__mock.failNext(e, k, n), [endpoint, kind, times] as const)
    },
    async stats() {
      await mock()
      return page.evaluate(() => (window as unknown as WindowWithMock).__mock.stats())
    },
  }
}

/**
 * Refreshes the server answered 200 since its last reset. With DPoP a refresh whose nonce went stale (a sleep, a
 * moved mock clock) is challenged once (400 `use_dpop_nonce`) and retried: one refresh for the client, two calls
 * for the mock. Counting the answered ones says "one refresh" the way the client means it.
 */
export const completedRefreshes = (stats: MockStats): number => stats.refreshCalls - stats.refreshFailures
