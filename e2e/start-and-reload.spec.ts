import type { ConsoleMessage, Page } from '@playwright/test'
import { DEMO_USER, expectLoginPage, logInAsDemo } from './support/app'
import { expect, test } from './support/fixtures'
import { loginFormSeen, watchForLoginForm } from './support/login-form-watch'
import { answersFrom, REFRESH_PATH, requestsTo } from './support/network-log'

/** Console errors and uncaught exceptions of `page` from now on. */
function collectErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  return errors
}

test('a first visit makes no refresh call and logs nothing: the login page at once', async ({ page, network }) => {
  const errors = collectErrors(page)

  await page.goto('/profile')
  await expectLoginPage(page, '/profile')

  expect(requestsTo(network.events(), 'POST', REFRESH_PATH)).toEqual([])
  expect(errors).toEqual([])
})

/** In the page: when the email first showed in the profile (ms after navigation start). */
const EMAIL_WATCH = `(() => {
  new MutationObserver(() => {
    if (window.__emailAt === undefined && Array.from(document.querySelectorAll('dd')).some((dd) => dd.textContent === ${JSON.stringify(DEMO_USER.email)})) window.__emailAt = performance.now()
  }).observe(document, { childList: true, subtree: true, characterData: true })
})()`

test('a reload of /profile with 300 ms latency: one refresh, the email from its answer, /me behind it, no login flash', async ({ page, mock, network }) => {
  await logInAsDemo(page)
  const errors = collectErrors(page)
  await watchForLoginForm(page)
  await page.addInitScript({ content: EMAIL_WATCH })
  await mock.configure({ latencyMs: 300 })
  const before = await mock.stats()
  const mark = network.mark()

  await page.reload()
  await expect(page.getByText(DEMO_USER.email)).toBeVisible()

  const timing = (await page.evaluate(`(() => {
    const entries = performance.getEntriesByType('resource')
    const refresh = entries.find((e) => e.name.includes('/api/auth/refresh'))
    const render = performance.getEntriesByName('app:render')[0]
    return { emailAt: window.__emailAt, refreshStart: refresh && refresh.startTime, refreshEnd: refresh && refresh.responseEnd, appRender: render ? render.startTime : null }
  })()`)) as { emailAt: number; refreshStart: number; refreshEnd: number; appRender: number }
  console.log(`reload timing (ms after navigation start): ${JSON.stringify(timing)}`)
  expect(timing.refreshEnd, 'the refresh answer took the configured latency').toBeGreaterThanOrEqual(300)
  // How soon is a figure, not a pass/fail: `npm run bench` measures it (BENCHMARKS.md, the reload section); this prints it.
  expect(timing.emailAt, 'the email showed').toBeGreaterThan(0)
  expect(await loginFormSeen(page), 'the login form appeared during the reload').toBe(false)
  const seen = network.since(mark)
  expect(requestsTo(seen, 'POST', REFRESH_PATH)).toHaveLength(1)
  expect(answersFrom(seen, 'POST', REFRESH_PATH)).toEqual([200])
  expect((await mock.stats()).refreshCalls - before.refreshCalls).toBe(1)
  // GET /api/me still revalidates behind: the member-since date arrives.
  await expect(page.getByRole('region', { name: 'Your profile' }).locator('time')).toBeVisible()
  expect(errors).toEqual([])
  await mock.configure({ latencyMs: 0 })
})

test('a logout clears the session hint: the next start asks nothing', async ({ page, network }) => {
  await logInAsDemo(page)
  await page.getByRole('button', { name: 'Log out' }).click()
  await expectLoginPage(page)
  const mark = network.mark()

  await page.goto('/board')
  await expectLoginPage(page, '/board')

  expect(requestsTo(network.since(mark), 'POST', REFRESH_PATH)).toEqual([])
  expect(await page.evaluate(() => localStorage.getItem('session-hint'))).toBeNull()
})
