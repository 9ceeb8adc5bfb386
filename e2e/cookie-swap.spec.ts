import type { APIRequestContext, BrowserContext } from '@playwright/test'
import { expectLoginPage, expectProfile, logInAsDemo } from './support/app'
import { expect, test } from './support/fixtures'

const ATTACKER = { email: 'attacker@example.com', name: 'Mallory Attacker', password: 'attacker-pass-1' }

/** The attacker's own login, made elsewhere (no DPoP proof: an unbound family), as its refresh token. */
async function attackerRefreshToken(request: APIRequestContext): Promise<string> {
  const signup = await request.post('/api/auth/signup', { data: ATTACKER })
  expect(signup.status()).toBe(201)
  const token = /refresh_token=([^;]+)/.exec(signup.headers()['set-cookie'] ?? '')?.[1]
  if (!token) throw new Error('the signup set no refresh cookie')
  return token
}

/**
 * What a sibling origin (another subdomain, an HTTP page on the same host) can plant: the attacker's refresh cookie
 * under a longer path, which the browser sends first, and a cookie *named* `Path`, sent last. The refresh request
 * then carries `refresh_token=<attacker>; refresh_token=<victim>; Path=x`.
 */
async function plantCookies(context: BrowserContext, attackerToken: string): Promise<void> {
  await context.addCookies([
    { name: 'refresh_token', value: attackerToken, domain: 'localhost', path: '/api/auth/refresh', secure: true, httpOnly: true, sameSite: 'Strict' },
    { name: 'refresh_token', value: attackerToken, domain: 'localhost', path: '/api/auth/logout', secure: true, httpOnly: true, sameSite: 'Strict' },
    { name: 'Path', value: 'x', domain: 'localhost', path: '/api/auth' },
  ])
}

test.describe('a planted refresh cookie and a cookie named Path (cookie swap)', () => {
  test.skip(({ target }) => target !== 'http', 'real cookies only over real HTTP')

  test.beforeEach(async ({ mock }) => {
    // As the review found it: a server that lets an unbound (Bearer) login through. With DPoP required the
    // attacker's family could not be refreshed by the victim's key at all.
    await mock.configure({ dpop: 'optional' })
  })

  test('after a reload the victim is not signed in as the attacker: the refresh carrying both is refused', async ({ page, context, request, mock }) => {
    await logInAsDemo(page)
    await plantCookies(context, await attackerRefreshToken(request))
    const refreshCookies: string[] = []
    page.on('request', (sent) => {
      if (new URL(sent.url()).pathname === '/api/auth/refresh') void sent.headerValue('cookie').then((cookie) => refreshCookies.push(cookie ?? ''))
    })

    await page.reload()

    await expectLoginPage(page, '/profile')
    await expect(page.getByText(ATTACKER.email)).toHaveCount(0)
    await expect(page.getByText(ATTACKER.name)).toHaveCount(0)
    // The browser did send the swap the review describes, and the server used neither token.
    expect(refreshCookies[0]).toMatch(/^refresh_token=[^;]+; refresh_token=[^;]+; Path=x$/)
    const stats = await mock.stats()
    expect(stats.logins).toBe(2) // the victim's login and the attacker's signup, no third session
    expect(stats.refreshCalls - stats.refreshFailures).toBe(0)
  })

  test('a logout carrying both still ends the victim login on the server', async ({ page, context, request, mock }) => {
    await logInAsDemo(page)
    await expectProfile(page)
    await plantCookies(context, await attackerRefreshToken(request))
    const logout = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/auth/logout')

    await page.getByRole('button', { name: 'Log out' }).click()

    expect((await logout).status()).toBe(204)
    await expectLoginPage(page)
    // Both families ended: the victim's and the planted one.
    expect((await mock.stats()).familiesRevoked).toBe(2)
  })
})
