import { completedRefreshes } from './support/mock-controls'
import { DAY_MS, expectBoard, expectLoginPage, expectProfile, HOUR_MS, logInAsDemo, navLink, PAST_ACCESS_TOKEN_MS } from './support/app'
import { expect, test } from './support/fixtures'
import { recordNetwork } from './support/network-log'
import { refreshCookieValue } from './support/refresh-cookie'
import type { NetworkEvent } from './support/network-log'

/** Answers of the app's API (not the auth endpoints) that were 401s. */
const apiUnauthorized = (events: NetworkEvent[]) =>
  events.filter((e) => e.kind === 'response' && e.path.startsWith('/api/') && !e.path.startsWith('/api/auth/') && e.status === 401)

test.describe('life outside the lab: sleep, lost answers, failed logouts', () => {
  test.beforeEach(({ target }) => {
    // One real server and a real cookie jar (lost answers drop a real socket): the http target's.
    test.skip(target !== 'http', 'needs the http target: real sockets, real cookies, one server for every tab')
  })

  test('a 2 h sleep: on waking exactly one refresh across two tabs before any click; the first actions get no 401', async ({ page, context, mock, network }) => {
    await context.clock.install()
    await logInAsDemo(page)
    const other = await context.newPage()
    const otherNetwork = recordNetwork(other)
    await other.goto('/profile')
    await expectProfile(other)
    const before = completedRefreshes(await mock.stats())
    const marks = [network.mark(), otherNetwork.mark()] as const

    // The laptop lid: two hours pass for the server and for both tabs' clocks; timers that were due fire once, late.
    await mock.advanceClock(2 * HOUR_MS)
    await context.clock.fastForward('02:00:00')

    await expect.poll(async () => completedRefreshes(await mock.stats()) - before).toBe(1)
    // Give the second tab's own wake check every chance to refresh too: it must take the first tab's token instead.
    await context.clock.runFor(2_000)
    await page.waitForTimeout(1_000)
    expect(completedRefreshes(await mock.stats()) - before).toBe(1)

    await navLink(page, 'Board').click()
    await expectBoard(page)
    await navLink(other, 'Board').click()
    await expectBoard(other)
    expect(completedRefreshes(await mock.stats()) - before).toBe(1)
    expect(apiUnauthorized(network.since(marks[0]))).toEqual([])
    expect(apiUnauthorized(otherNetwork.since(marks[1]))).toEqual([])
  })

  test('the login ends during a 15-day sleep: the woken tab shows the login page and says why, without a click', async ({ page, context, mock }) => {
    await context.clock.install()
    await logInAsDemo(page)
    await navLink(page, 'Board').click()
    await expectBoard(page)

    await mock.advanceClock(15 * DAY_MS)
    await context.clock.fastForward(15 * DAY_MS)

    await expectLoginPage(page, '/board')
    await expect(page.getByRole('alert')).toHaveText('Your session has ended — please log in again')
  })

  test('a lost refresh answer: still signed in, nothing revoked, and a reload still restores', async ({ page, mock }) => {
    await logInAsDemo(page)
    const before = await mock.stats() // the login page's own restore found no cookie: a refused refresh
    await mock.failNext('refresh', 'lost-response')
    await mock.advanceClock(PAST_ACCESS_TOKEN_MS)

    await navLink(page, 'Board').click()
    await expectBoard(page)
    const after = await mock.stats()
    expect(after.refreshCalls - before.refreshCalls).toBe(2) // the lost one and its quick retry
    expect(after.refreshFailures - before.refreshFailures).toBe(1)
    expect(after).toMatchObject({ refreshGraceReuses: 1, familiesRevoked: 0 })

    await page.reload()
    await expectBoard(page)
    expect((await mock.stats()).familiesRevoked).toBe(0)
  })

  test('a logout whose request fails: signed out here, and the next start logs out first; the cookie restores nothing', async ({ page, mock, target }) => {
    await logInAsDemo(page)
    await mock.failNext('logout', 'network')
    const before = await mock.stats()

    await page.getByRole('button', { name: 'Log out' }).click()
    await expectLoginPage(page)
    expect((await mock.stats()).familiesRevoked - before.familiesRevoked).toBe(0)
    expect(await page.evaluate(() => localStorage.getItem('auth:pending-logout'))).toMatch(/^\{"since":\d+\}$/)

    // A restart (here: a new load of the app) sends the logout first.
    await page.goto('/board')
    await expectLoginPage(page, '/board')
    const after = await mock.stats()
    expect(after.familiesRevoked - before.familiesRevoked).toBe(1)
    expect(after.refreshCalls).toBe(before.refreshCalls)
    expect(await refreshCookieValue(page, target)).toBeUndefined()
    expect(await page.evaluate(() => localStorage.getItem('auth:pending-logout'))).toBeNull()
  })

  test('a logout while offline: signed out here at once; when the network returns the server hears it', async ({ page, context, mock, target }) => {
    await logInAsDemo(page)
    const before = await mock.stats()
    await context.setOffline(true)

    await page.getByRole('button', { name: 'Log out' }).click()
    await expectLoginPage(page)
    expect((await mock.stats()).requestsByEndpoint.logout).toBe(before.requestsByEndpoint.logout)

    await context.setOffline(false)
    await expect.poll(async () => (await mock.stats()).familiesRevoked - before.familiesRevoked).toBe(1)
    expect(await refreshCookieValue(page, target)).toBeUndefined()
    await page.goto('/profile')
    await expectLoginPage(page, '/profile')
  })

  test('restored from the back/forward cache after a logout it never heard of: the session ends on pageshow, without a click', async ({ page, mock }) => {
    // Playwright's Chromium runs without the back/forward cache, so the restore is told the way the browser tells it:
    // a `pageshow` with `persisted: true`. The logout goes around the page (same cookie jar, no BroadcastChannel
    // message), as one made in another tab while this one was frozen.
    await logInAsDemo(page)
    await navLink(page, 'Board').click()
    await expectBoard(page)
    const logout = await page.request.post('/api/auth/logout', { headers: { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' }, data: {} })
    expect(logout.status()).toBe(204)
    expect((await mock.stats()).familiesRevoked).toBe(1)

    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })))

    await expectLoginPage(page, '/board')
    await expect(page.getByRole('alert')).toHaveText('Your session has ended — please log in again')
  })

  test('the page becomes visible after the token expired while no timer ran: one refresh at once, before any click', async ({ page, context, mock }) => {
    await context.clock.install()
    await logInAsDemo(page)
    const before = completedRefreshes(await mock.stats())
    // Paused, no timer runs (the clock-jump check cannot fire): only the visibility change can wake the client.
    await context.clock.pauseAt(Date.now() + 1_000)
    await mock.advanceClock(PAST_ACCESS_TOKEN_MS)
    await context.clock.setSystemTime(Date.now() + PAST_ACCESS_TOKEN_MS)
    expect(completedRefreshes(await mock.stats())).toBe(before)

    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
    // 50 ms of timers for the tabs' lock to settle; the 10 s clock-jump timer is almost surely not among them.
    await context.clock.runFor(50)

    await expect.poll(async () => completedRefreshes(await mock.stats()) - before).toBe(1)
    await context.clock.resume()
    await navLink(page, 'Board').click()
    await expectBoard(page)
    expect(completedRefreshes(await mock.stats()) - before).toBe(1)
  })
})
