import type { Page } from '@playwright/test'

/** Where MSW (mock mode) keeps the cookies of mocked responses: page-readable, the mock's known limit. */
export const MSW_COOKIE_STORE_KEY = '__msw-cookie-store__'
/** Where the browser mock keeps its database (hashes only, by the contract). */
export const MOCK_DB_KEY = '__mock-db__'

interface StoredCookie {
  key?: unknown
  value?: unknown
}

/** The refresh token MSW's jar holds for this origin in mock mode, if any. */
export async function mswRefreshCookie(page: Page): Promise<string | undefined> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), MSW_COOKIE_STORE_KEY)
  if (raw === null) return undefined
  const cookies = JSON.parse(raw) as StoredCookie[]
  const match = cookies.find((cookie) => cookie.key === 'refresh_token' && typeof cookie.value === 'string' && cookie.value !== '')
  return match?.value as string | undefined
}
