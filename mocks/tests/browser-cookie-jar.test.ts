import { describe, expect, it } from 'vitest'
import { createBrowserRefreshCookieReader, MSW_COOKIE_STORE_KEY } from '../browser-cookie-jar'

const request = (path: string, cookie?: string) => new Request(`http://localhost:5173${path}`, { headers: cookie ? { cookie } : {} })

function storageWith(cookies: unknown[]): Pick<Storage, 'getItem'> {
  return { getItem: (key) => (key === MSW_COOKIE_STORE_KEY ? JSON.stringify(cookies) : null) }
}

const stored = (value: string, extra: Record<string, unknown> = {}) => ({
  key: 'refresh_token',
  value,
  domain: 'localhost',
  path: '/api/auth',
  maxAge: 1209600,
  creation: new Date().toISOString(),
  ...extra,
})

describe("the browser mock reads the refresh cookie from MSW's persisted jar (shared by tabs)", () => {
  it("prefers the persisted jar over this tab's stale Cookie header", () => {
    const read = createBrowserRefreshCookieReader(storageWith([stored('newest')]), 'localhost')
    expect(read(request('/api/auth/refresh', 'refresh_token=stale'))).toBe('newest')
  })

  it('ignores cookies of another host, another path, or expired ones', () => {
    const read = createBrowserRefreshCookieReader(
      storageWith([
        stored('other-host', { domain: 'example.com' }),
        stored('expired', { maxAge: 10, creation: new Date(Date.now() - 60_000).toISOString() }),
        stored('other-path', { path: '/elsewhere' }),
      ]),
      'localhost',
    )
    expect(read(request('/api/auth/refresh'))).toBeUndefined()
  })

  it('falls back to the Cookie header when MSW has persisted nothing', () => {
    const read = createBrowserRefreshCookieReader({ getItem: () => null }, 'localhost')
    expect(read(request('/api/auth/refresh', 'refresh_token=from-header'))).toBe('from-header')
  })
})
