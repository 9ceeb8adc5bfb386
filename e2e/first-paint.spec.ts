import type { Page } from '@playwright/test'
import { expectProfile, logInAsDemo, submitLogin } from './support/app'
import { expect, test } from './support/fixtures'

/** Every console error or warning of the page (a hydration mismatch is logged as one, in production as React error #418/#423/#425). */
function consoleProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (message) => {
    // The browser logs refused requests (a DPoP nonce challenge is a 400): answers, not the page's problems.
    if (message.text().startsWith('Failed to load resource')) return
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  return problems
}

/** Resolves once React has taken over the page (`performance.mark('app:render')`) and rendered. */
async function reactTookOver(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('app:render').length > 0)
}

/** Layout shifts of the page so far (observed from the start, buffered). */
const LAYOUT_SHIFT = `new Promise((resolve) => {
  let total = 0
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) total += entry.value }).observe({ type: 'layout-shift', buffered: true })
  setTimeout(() => resolve(total), 200)
})`

test.describe('first paint from the HTML (prerendered at build time, hydrated by React)', () => {
  test.beforeEach(({ target }) => {
    test.skip(target !== 'http', 'the production build carries the prerendered HTML; the dev server renders in the browser')
  })

  test('without JavaScript, /login shows the labelled form and a protected page the splash', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL })
    const page = await context.newPage()
    await page.goto('/login')
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible()
    await expect(page.getByLabel('Email')).toBeVisible()
    await expect(page.getByLabel('Password')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible()
    // Shown, but taking input only once React drives it: no typing lost at hydration, no native submit of the password in a URL.
    await expect(page.getByRole('button', { name: 'Log in' })).toBeDisabled()
    await expect(page.getByLabel('Password')).not.toBeEditable()
    expect(await page.locator('html').getAttribute('lang')).toBe('en')

    await page.goto('/profile')
    await expect(page.getByRole('status')).toHaveText('Restoring your session…')
    await context.close()
  })

  test('a first visit to /login is hydrated without a mismatch or a shift, and the form works', async ({ page }) => {
    const problems = consoleProblems(page)
    await page.goto('/login')
    await reactTookOver(page)
    // Hydrated, not replaced: the form element the HTML brought is the one React drives.
    await expect(page.locator('#root[data-prerendered="login"]')).toHaveCount(1)
    await expect(page.getByRole('button', { name: 'Log in' })).toBeEnabled()
    await expect(page.getByLabel('Email')).toBeEditable()
    expect(await page.evaluate(LAYOUT_SHIFT)).toBe(0)

    await logInAsDemo(page)
    await expectProfile(page)
    expect(problems).toEqual([])
  })

  test('a first visit to a signed-in page shows the login form before the app\'s code, at its address, then hydrates it', async ({ page }) => {
    const problems = consoleProblems(page)
    // The app's code is held back: what is on screen meanwhile is the HTML and the page's first module.
    let release!: () => void
    const appCodeHeld = new Promise<void>((resolve) => (release = resolve))
    let appCodeAskedAt: number | undefined
    await page.route('**/assets/app-*.js', async (route) => {
      appCodeAskedAt ??= await page.evaluate(() => performance.now())
      await appCodeHeld
      await route.continue()
    })
    await page.goto('/board?view=latest')
    await expect(page).toHaveURL('/login?returnTo=%2Fboard%3Fview%3Dlatest')
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible()
    await expect(page.getByRole('status')).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Log in' })).toBeDisabled()
    await expect(page.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/signup?returnTo=%2Fboard%3Fview%3Dlatest')
    expect(await page.evaluate(() => performance.getEntriesByName('app:render').length)).toBe(0)
    // The form was painted (the page's largest paint) before the app's code was asked for.
    await expect.poll(() => appCodeAskedAt).toBeDefined()
    const largestPaint = await page.evaluate(
      () =>
        new Promise<{ at: number; inForm: boolean }>((resolve) => {
          new PerformanceObserver((list) => {
            const entries = list.getEntries() as (PerformanceEntry & { element: Element | null })[]
            const largest = entries[entries.length - 1]!
            resolve({ at: largest.startTime, inForm: largest.element?.closest('section') != null })
          }).observe({ type: 'largest-contentful-paint', buffered: true })
        }),
    )
    expect(largestPaint.inForm).toBe(true)
    expect(appCodeAskedAt).toBeGreaterThan(largestPaint.at)

    release()
    await reactTookOver(page)
    // Hydrated, not replaced, and nothing moved.
    await expect(page.locator('#root[data-prerendered="login"]')).toHaveCount(1)
    await expect(page.getByRole('button', { name: 'Log in' })).toBeEnabled()
    expect(await page.evaluate(LAYOUT_SHIFT)).toBe(0)
    await submitLogin(page)
    await expect(page).toHaveURL('/board?view=latest')
    await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible()
    expect(problems).toEqual([])
  })

  test('/login with a query is hydrated too, its link carrying the query', async ({ page }) => {
    const problems = consoleProblems(page)
    await page.goto('/login?returnTo=%2Fprofile')
    await reactTookOver(page)
    await expect(page.locator('#root[data-prerendered="login"]')).toHaveCount(1)
    await expect(page.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/signup?returnTo=%2Fprofile')
    await expect(page.getByRole('button', { name: 'Log in' })).toBeEnabled()
    await submitLogin(page)
    await expectProfile(page)
    expect(problems).toEqual([])
  })

  test('a returning visitor\'s reload hydrates the splash, then shows the profile: no mismatch', async ({ page }) => {
    await logInAsDemo(page)
    await expectProfile(page)
    const problems = consoleProblems(page)

    await page.reload()
    await reactTookOver(page)
    await expectProfile(page)
    expect(problems).toEqual([])
  })

  test('a returning visitor\'s reload asks for the refresh before the app\'s code, which then queues behind it', async ({ page }) => {
    await logInAsDemo(page)
    await expectProfile(page)
    const asked: string[] = []
    page.on('request', (request) => {
      const { pathname } = new URL(request.url())
      if (pathname === '/api/auth/refresh' || /^\/assets\/.+\.js$/.test(pathname)) asked.push(pathname)
    })

    await page.reload()
    await reactTookOver(page)
    await expectProfile(page)
    const refresh = asked.indexOf('/api/auth/refresh')
    const appCode = asked.findIndex((path) => path.startsWith('/assets/app-'))
    expect(refresh, asked.join(', ')).toBeGreaterThanOrEqual(0)
    expect(appCode, asked.join(', ')).toBeGreaterThan(refresh)
    // Only the page's first module came before it.
    expect(asked.slice(0, refresh).every((path) => path.startsWith('/assets/index-')), asked.join(', ')).toBe(true)
  })

  test('a remembered Korean: the English HTML is hydrated, then the page speaks Korean, without a mismatch', async ({ page }) => {
    await page.goto('/login')
    await page.evaluate(() => localStorage.setItem('ui-language', 'ko'))
    const problems = consoleProblems(page)

    await page.reload()
    await reactTookOver(page)
    await expect(page.getByRole('heading', { name: '로그인' })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko')
    expect(problems).toEqual([])
  })
})
