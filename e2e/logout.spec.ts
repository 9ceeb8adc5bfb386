import { expectLoginPage, expectProfile, logInAsDemo } from './support/app'
import { expect, test } from './support/fixtures'

const PENDING_LOGOUT = 'auth:pending-logout'
const UNCONFIRMED = "We couldn't reach the server. You're signed out on this device; we'll finish signing you out when the connection is back."

/** What something other than the API may answer a logout with: none of them is the contract's 204. */
const NOT_THE_SERVER = [
  { what: "a captive portal's 200 page", status: 200, contentType: 'text/html', body: '<!doctype html><title>Sign in to the Wi-Fi</title><h1>Welcome</h1>' },
  { what: "a proxy's 404", status: 404, contentType: 'text/html', body: '<html><body>404 Not Found</body></html>' },
  { what: "a firewall's 403", status: 403, contentType: 'text/html', body: '<html><body>Access denied by policy</body></html>' },
  { what: "a gateway's 401", status: 401, contentType: 'text/plain', body: 'Unauthorized', headers: { 'WWW-Authenticate': 'Basic realm="gateway"' } },
]

test.describe('a logout is confirmed only by the server (204)', () => {
  test.beforeEach(({ target }) => {
    // page.route cannot answer what the mock's service worker answers in the page: the http target's real server.
    test.skip(target !== 'http', 'needs the http target: page.route over real HTTP')
  })

  for (const answer of NOT_THE_SERVER) {
    test(`${answer.what} keeps the pending-logout mark and says so; the next start sends the logout for real`, async ({ page, mock }) => {
      await logInAsDemo(page)
      const before = await mock.stats()
      await page.route('**/api/auth/logout', (route) =>
        route.fulfill({ status: answer.status, contentType: answer.contentType, body: answer.body, headers: answer.headers ?? {} }),
      )

      await page.getByRole('button', { name: 'Log out' }).click()

      await expectLoginPage(page)
      await expect(page.getByRole('alert')).toHaveText(UNCONFIRMED)
      expect(await page.evaluate((key) => localStorage.getItem(key), PENDING_LOGOUT)).toMatch(/^\{"since":\d+\}$/)
      expect((await mock.stats()).familiesRevoked).toBe(before.familiesRevoked)

      // Setting the session hint back and reloading does not sign the person back in: the logout goes first.
      await page.unroute('**/api/auth/logout')
      await page.evaluate(() => localStorage.setItem('session-hint', '1'))
      await page.goto('/profile')
      await expectLoginPage(page, '/profile')
      await expect.poll(async () => (await mock.stats()).familiesRevoked).toBe(before.familiesRevoked + 1)
      expect(await page.evaluate((key) => localStorage.getItem(key), PENDING_LOGOUT)).toBeNull()
    })
  }

  test("the contract's 204 confirms it: no mark, no notice", async ({ page, mock }) => {
    await logInAsDemo(page)
    await page.getByRole('button', { name: 'Log out' }).click()
    await expectLoginPage(page)
    await expect(page.getByText(UNCONFIRMED)).toHaveCount(0)
    expect(await page.evaluate((key) => localStorage.getItem(key), PENDING_LOGOUT)).toBeNull()
    expect((await mock.stats()).familiesRevoked).toBe(1)
    await page.goto('/profile')
    await expectLoginPage(page, '/profile')
  })

  test('a pending logout is sent before the next login: the old login ends first', async ({ page, mock }) => {
    await logInAsDemo(page)
    await page.route('**/api/auth/logout', (route) => route.fulfill({ status: 404, contentType: 'text/html', body: 'Not Found' }), { times: 1 })
    await page.getByRole('button', { name: 'Log out' }).click()
    await expect(page.getByRole('alert')).toHaveText(UNCONFIRMED)
    const order: string[] = []
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname
      if (path === '/api/auth/logout' || path === '/api/auth/login') order.push(path)
    })

    await page.getByLabel('Email').fill('demo@example.com')
    await page.getByLabel('Password').fill('demo-pass-123')
    await page.getByRole('button', { name: 'Log in' }).click()

    await expectProfile(page)
    expect(order.slice(0, 2)).toEqual(['/api/auth/logout', '/api/auth/login'])
    expect((await mock.stats()).familiesRevoked).toBe(1)
  })
})
