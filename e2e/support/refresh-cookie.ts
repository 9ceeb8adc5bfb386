import type { Page } from '@playwright/test'
import type { Target } from './fixtures'
import { mswRefreshCookie } from './msw-cookie-store'

/** The refresh cookie as the target keeps it: the browser's cookie store (http) or MSW's jar (mock mode). */
export async function refreshCookieValue(page: Page, target: Target): Promise<string | undefined> {
  if (target === 'mock-mode') return mswRefreshCookie(page)
  const cookies = await page.context().cookies()
  return cookies.find((cookie) => cookie.name === 'refresh_token')?.value
}
