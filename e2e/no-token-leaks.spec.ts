import { expectBoard, expectProfile, logInAsDemo, navLink, PAST_ACCESS_TOKEN_MS } from './support/app'
import { expect, test } from './support/fixtures'
import { MOCK_DB_KEY, MSW_COOKIE_STORE_KEY, mswRefreshCookie } from './support/msw-cookie-store'
import { readPageStorage } from './support/page-storage'
import { captureTokens, JWT_PATTERN, tokenId } from './support/token-capture'

test('no token in localStorage, sessionStorage, document.cookie or any URL', async ({ page, mock, network, target }) => {
  const captured = captureTokens(page)
  await logInAsDemo(page)
  await navLink(page, 'Board').click()
  await expectBoard(page)
  await mock.advanceClock(PAST_ACCESS_TOKEN_MS)
  await navLink(page, 'Profile').click() // a refresh after the 401
  await expectProfile(page)
  await page.reload() // a refresh at start-up
  await expectProfile(page)
  await navLink(page, 'Board').click()
  await page.getByLabel('Title').fill('A draft, kept in sessionStorage')

  const storage = await readPageStorage(page)
  const accessTokens = await captured.accessTokens()
  // Login, the refresh after the 401, the refresh at start-up.
  expect(accessTokens).toHaveLength(3)
  const refreshTokens = await captured.refreshTokens()
  if (target === 'http') {
    expect(refreshTokens).toHaveLength(3)
  } else {
    // A service worker's answer cannot set cookies: MSW keeps them in its own jar, the one exception by name.
    const inJar = await mswRefreshCookie(page)
    expect(inJar).toMatch(JWT_PATTERN)
    refreshTokens.push(inJar ?? '')
  }
  const tokens = [...accessTokens, ...refreshTokens]

  const exceptions = target === 'mock-mode' ? [MSW_COOKIE_STORE_KEY, MOCK_DB_KEY] : []
  const places: Array<[string, string]> = [
    ...network.urls().map((url): [string, string] => [`request URL`, url]),
    ['the address bar', page.url()],
    ['document.cookie', storage.documentCookie],
    ...Object.entries(storage.sessionStorage).map(([key, value]): [string, string] => [`sessionStorage["${key}"]`, `${key}=${value}`]),
    ...Object.entries(storage.localStorage)
      .filter(([key]) => !exceptions.includes(key))
      .map(([key, value]): [string, string] => [`localStorage["${key}"]`, `${key}=${value}`]),
  ]
  // The storage was read: the draft is there.
  expect(Object.values(storage.sessionStorage).join()).toContain('A draft, kept in sessionStorage')
  for (const [where, text] of places) {
    expect(text, `a JWT in ${where}`).not.toMatch(JWT_PATTERN)
    for (const token of tokens) expect(text.includes(token), `a token in ${where}`).toBe(false)
  }

  if (target === 'mock-mode') {
    // The mock's own database: hashes only, no token and no token id in the clear.
    const database = storage.localStorage[MOCK_DB_KEY] ?? ''
    expect(database).toContain('demo@example.com')
    expect(database).not.toMatch(JWT_PATTERN)
    for (const token of tokens) expect(database.includes(tokenId(token)), 'a token id in the mock database').toBe(false)
  }
})
