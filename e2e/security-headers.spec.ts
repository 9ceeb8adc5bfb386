import type { Page } from '@playwright/test'
import { DEMO_USER, expectBoard, expectProfile, navLink, submitLogin, writePost } from './support/app'
import { expect, test } from './support/fixtures'

// The production header set is served by `vite preview`, i.e. the "http" target only.
test.beforeEach(({ target }) => {
  test.skip(target !== 'http', 'the dev server sends no security headers (HMR and the MSW worker need inline script)')
})

/** Every CSP violation the page reports, from the first script on, across navigations. */
async function watchCspViolations(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) fromConsole.push(message.text())
  })
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { __cspViolations: string[] }).__cspViolations = seen
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`)
    })
  })
  return async () => {
    const inPage = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])
    return [...inPage, ...fromConsole]
  }
}

test('the app and its deep links are served with the production header set', async ({ request }) => {
  for (const path of ['/', '/login', '/board']) {
    const response = await request.get(path)
    expect(response.status()).toBe(200)
    const headers = response.headers()
    const csp = headers['content-security-policy'] ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
    expect(headers['permissions-policy']).toContain('camera=()')
    expect(headers['x-frame-options']).toBe('DENY')
  }
})

test('using the whole app causes no CSP violation', async ({ page, mock }) => {
  const violations = await watchCspViolations(page)
  await page.goto('/login')
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible()
  await submitLogin(page, { ...DEMO_USER, password: 'not-the-password' })
  await expect(page.getByRole('alert')).toBeVisible()
  await submitLogin(page)
  await expectProfile(page)

  await navLink(page, 'Board').click()
  await expectBoard(page)
  await writePost(page, 'Under a strict CSP', 'Nothing inline ran.')
  await expect(page.getByText('Posted.')).toBeVisible()

  await page.reload()
  await expectBoard(page)
  await navLink(page, 'Profile').click()
  await expectProfile(page)
  await page.goto('/no-such-page')
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  await page.goto('/profile')
  await expectProfile(page)
  await page.getByRole('button', { name: 'Log out' }).click()
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible()

  expect(await violations()).toEqual([])
  expect((await mock.stats()).postsCreated).toBe(1)
})

test('an inline script injected into the page is refused and reported (the watcher works)', async ({ page }) => {
  const violations = await watchCspViolations(page)
  await page.goto('/login')
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible()
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script')
    script.textContent = 'window.__inlineRan = true'
    document.body.append(script)
    await new Promise((resolve) => setTimeout(resolve, 50))
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true
  })
  expect(ran).toBe(false)
  await expect.poll(violations).toEqual(expect.arrayContaining([expect.stringMatching(/^script-src/)]))
})

test('the app refuses to be framed', async ({ page, baseURL }) => {
  const refused = page.waitForEvent('console', (message) => /frame-ancestors/.test(message.text()))
  await page.setContent(`<iframe src="${baseURL}/login" title="framed"></iframe>`)
  expect((await refused).text()).toContain("frame-ancestors 'none'")
  await expect(page.frameLocator('iframe').getByRole('heading', { name: 'Log in' })).toHaveCount(0)
})

for (const returnTo of ['/..//evil.com', '/./\\evil.com', '/a/..//evil.com', '/%2e%2e//evil.com']) {
  test(`a crafted returnTo ${returnTo} lands on a same-origin page, never a blank one`, async ({ page, baseURL }) => {
    await page.goto('/login')
    await submitLogin(page)
    await expectProfile(page)
    await page.goto(`/login?returnTo=${encodeURIComponent(returnTo)}`)
    await expectProfile(page)
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin)
    await page.reload()
    await expectProfile(page)
  })
}
