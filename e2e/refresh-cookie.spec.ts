import { DAY_MS, expectBoard, expectProfile, logInAsDemo, navLink, PAST_ACCESS_TOKEN_MS } from './support/app'
import { expect, test } from './support/fixtures'

test.describe('the refresh cookie in the browser', () => {
  test.beforeEach(({ target }) => {
    // In mock mode a service worker answers, and its Set-Cookie never reaches the browser's cookie store:
    // MSW keeps the cookie in page-readable localStorage (the mock's limit). Real cookies need real HTTP.
    test.skip(target !== 'http', 'real cookies only over real HTTP')
  })

  test('is HttpOnly, Secure, SameSite=Strict, Path=/api/auth, out of reach of document.cookie', async ({ page }) => {
    const loggedInAt = Date.now()
    await logInAsDemo(page)

    const cookies = await page.context().cookies()
    const cookie = cookies.find((candidate) => candidate.name === 'refresh_token')
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/api/auth', domain: 'localhost' })
    // Max-Age: the family's 14 days.
    expect(cookie?.expires ?? 0).toBeGreaterThan((loggedInAt + 14 * DAY_MS) / 1000 - 60)
    expect(cookie?.expires ?? 0).toBeLessThan((Date.now() + 14 * DAY_MS) / 1000 + 60)
    expect(cookies.map((candidate) => candidate.name)).toEqual(['refresh_token'])
    expect(await page.evaluate(() => document.cookie)).not.toContain('refresh_token')
  })

  test('goes only to /api/auth, and a rotation replaces it without extending the session', async ({ page, mock }) => {
    const cookieHeaders: Array<{ path: string; cookie: string }> = []
    page.on('request', (request) => {
      const { pathname } = new URL(request.url())
      if (pathname.startsWith('/api/')) void request.headerValue('cookie').then((cookie) => cookieHeaders.push({ path: pathname, cookie: cookie ?? '' }))
    })
    await logInAsDemo(page)
    const first = (await page.context().cookies()).find((cookie) => cookie.name === 'refresh_token')
    await mock.advanceClock(PAST_ACCESS_TOKEN_MS)
    await navLink(page, 'Board').click()
    await expectBoard(page)
    await navLink(page, 'Profile').click()
    await expectProfile(page)

    const rotated = (await page.context().cookies()).find((cookie) => cookie.name === 'refresh_token')
    expect(rotated?.value).toBeTruthy()
    expect(rotated?.value).not.toBe(first?.value)
    expect(rotated).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/api/auth' })
    // The family's expiry holds: the server clock moved on an hour, so the new Max-Age is an hour shorter.
    expect(rotated?.expires ?? Infinity).toBeLessThan((first?.expires ?? 0) - PAST_ACCESS_TOKEN_MS / 1000 + 60)

    // The one refresh: the rotation after the 401 (a first visit asks nothing). With DPoP a nonce gone stale while
    // the server's clock moved costs one challenged call first, which uses nothing up: each carried the first cookie.
    const refreshes = () => cookieHeaders.filter((header) => header.path === '/api/auth/refresh')
    await expect.poll(() => refreshes().length).toBeGreaterThanOrEqual(1)
    expect(refreshes().length).toBeLessThanOrEqual(2)
    for (const header of refreshes()) expect(header.cookie).toContain(`refresh_token=${first?.value}`)
    const others = cookieHeaders.filter((header) => !header.path.startsWith('/api/auth/'))
    expect(others.map((header) => header.path)).toEqual(expect.arrayContaining(['/api/me', '/api/posts']))
    for (const header of others) expect(header.cookie, `Cookie header of ${header.path}`).not.toContain('refresh_token')
  })
})
