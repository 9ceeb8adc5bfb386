import { expect, type Page } from '@playwright/test'

export const DEMO_USER = { email: 'demo@example.com', password: 'demo-pass-123', name: 'Demo User' }

export const HOUR_MS = 60 * 60 * 1000
export const DAY_MS = 24 * HOUR_MS
/** Past the access token's default lifetime (1 h). */
export const PAST_ACCESS_TOKEN_MS = HOUR_MS + 60_000
/** Past the refresh family's lifetime (14 days): both tokens are dead. */
export const PAST_REFRESH_FAMILY_MS = 15 * DAY_MS

/** Fills and sends the login form on the page shown now. */
export async function submitLogin(page: Page, user = DEMO_USER): Promise<void> {
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Log in' }).click()
}

/** Logs the demo user in from the login page and waits for the profile (the default after login). */
export async function logInAsDemo(page: Page): Promise<void> {
  await page.goto('/login')
  await submitLogin(page)
  await expectProfile(page)
}

export async function expectProfile(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/profile$/)
  await expect(page.getByRole('heading', { name: 'Your profile' })).toBeVisible()
  await expect(page.getByText(DEMO_USER.email)).toBeVisible()
  // Name and email come from the token at once; the date comes with GET /api/me: the page has loaded.
  await expect(page.locator('.details time')).toBeVisible()
}

export async function expectBoard(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/board$/)
  await expect(page.getByRole('heading', { name: 'Board', exact: true })).toBeVisible()
  await expect(page.getByRole('list', { name: 'Posts' })).toBeVisible()
}

/** Writes a post on the board (a title, and a text when given) and presses Post; what follows is the spec's to check. */
export async function writePost(page: Page, title: string, text?: string): Promise<void> {
  await page.getByLabel('Title').fill(title)
  if (text !== undefined) await page.getByLabel('Text').fill(text)
  await page.getByRole('button', { name: 'Post', exact: true }).click()
}

/** The main navigation, shown to a signed-in person. */
export function navLink(page: Page, name: 'Profile' | 'Board') {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name })
}

export async function expectLoginPage(page: Page, returnTo?: string): Promise<void> {
  await expect(page).toHaveURL(returnTo ? `/login?${new URLSearchParams({ returnTo }).toString()}` : /\/login$/)
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible()
}
