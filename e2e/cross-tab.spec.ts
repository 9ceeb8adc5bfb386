import type { BrowserContext, Page } from '@playwright/test'
import { expectBoard, expectLoginPage, expectProfile, logInAsDemo, navLink, PAST_ACCESS_TOKEN_MS, submitLogin } from './support/app'
import { expect, test } from './support/fixtures'
import { recordNetwork, REFRESH_PATH, requestsTo, type NetworkLog } from './support/network-log'

/** Two more pages of the same browser context (tabs sharing one cookie jar), each opened at `path`. */
async function openMoreTabs(context: BrowserContext, path: string): Promise<Page[]> {
  return Promise.all(
    [1, 2].map(async () => {
      const page = await context.newPage()
      await page.goto(path)
      return page
    }),
  )
}

/** Marks the document, so that a later check can tell the page was not reloaded. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { __crossTabMark: true }))
}

async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => '__crossTabMark' in window)
}

const refreshesSince = (logs: NetworkLog[], marks: number[]) =>
  logs.flatMap((log, i) => requestsTo(log.since(marks[i]!), 'POST', REFRESH_PATH))

test.describe('many tabs, one session', () => {
  test.beforeEach(({ target }) => {
    // In mock mode the mock runs inside each page: real cookies and one server are the http target's.
    test.skip(target !== 'http', 'the http target has one real server and a real cookie jar for every tab')
  })

  test('a login in one tab signs in the others without a reload', async ({ page, context, mock }) => {
    await page.goto('/login')
    const others = await openMoreTabs(context, '/board')
    for (const other of others) {
      await expectLoginPage(other, '/board')
      await markDocument(other)
    }

    await submitLogin(page)

    await expectProfile(page)
    for (const other of others) {
      await expectBoard(other)
      expect(await sameDocument(other)).toBe(true)
    }
    expect(await mock.stats()).toMatchObject({ logins: 1, familiesRevoked: 0 })
  })

  test('three tabs, the token expired on the server, all acting at once: one refresh across all, no tab logged out', async ({ page, context, mock }) => {
    await logInAsDemo(page)
    const tabs = [page, ...(await openMoreTabs(context, '/profile'))]
    for (const tab of tabs) await expectProfile(tab)
    const logs = tabs.map((tab) => recordNetwork(tab))
    const marks = logs.map((log) => log.mark())
    const before = await mock.stats()
    // Latency keeps the three tabs' first requests in flight together, so their 401s come back together.
    await mock.configure({ latencyMs: 300 })
    await mock.advanceClock(PAST_ACCESS_TOKEN_MS)

    await Promise.all(tabs.map((tab) => navLink(tab, 'Board').click()))

    for (const tab of tabs) await expectBoard(tab)
    expect(refreshesSince(logs, marks)).toHaveLength(1)
    // Each tab did send its request with the expired token and got a 401 first: they all needed the refresh.
    for (const [i, log] of logs.entries()) {
      const answers = log.since(marks[i]!).filter((event) => event.kind === 'response' && event.path === '/api/posts')
      expect(answers.map((event) => event.status)).toEqual([401, 200])
    }
    const after = await mock.stats()
    expect(after.refreshCalls - before.refreshCalls).toBe(1)
    expect(after.familiesRevoked).toBe(0)
  })

  test('a logout in one tab sends the others to the login page', async ({ page, context, mock }) => {
    await logInAsDemo(page)
    const others = await openMoreTabs(context, '/profile')
    for (const other of others) await expectProfile(other)

    await page.getByRole('button', { name: 'Log out' }).click()

    await expectLoginPage(page)
    for (const other of others) {
      await expectLoginPage(other, '/profile')
      await expect(other.getByRole('navigation', { name: 'Main' })).toHaveCount(0)
    }
    const stats = await mock.stats()
    expect(stats.requestsByEndpoint.logout).toBe(1)
    expect(stats.familiesRevoked).toBe(1)
  })
})
