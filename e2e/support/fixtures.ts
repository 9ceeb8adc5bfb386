import { expect, test as base } from '@playwright/test'
import { httpMockControls, pageMockControls, type MockControls } from './mock-controls'
import { recordNetwork, type NetworkLog } from './network-log'

export type Target = 'http' | 'mock-mode'

interface E2eFixtures {
  /** Which way the app and the mock run (the Playwright project). */
  target: Target
  /** The mock's controls, reset before the test starts. */
  mock: MockControls
  /** The page's network since the test started. */
  network: NetworkLog
}

export const test = base.extend<E2eFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function needs from this pattern
  target: async ({}, provide, testInfo) => {
    const target = testInfo.project.metadata.target as unknown
    if (target !== 'http' && target !== 'mock-mode') throw new Error(`Project ${testInfo.project.name} names no target`)
    await provide(target)
  },
  network: async ({ page }, provide) => {
    await provide(recordNetwork(page))
  },
  // Depends on `network` so that the log starts before the first page load.
  mock: async ({ target, page, request, network: _network }, provide) => {
    if (target === 'http') {
      const controls = httpMockControls(request)
      await controls.reset()
      await provide(controls)
      return
    }
    // The browser mock lives in the page (its database in this fresh context's localStorage): open the app first.
    await page.goto('/login')
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible()
    const controls = pageMockControls(page)
    await controls.reset()
    await provide(controls)
  },
})

export { expect }
