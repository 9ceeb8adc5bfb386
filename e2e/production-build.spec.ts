import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { expectProfile, logInAsDemo } from './support/app'
import { expect, test } from './support/fixtures'

const DIST = fileURLToPath(new URL('../dist/', import.meta.url))
const MSW_MARKERS = ['mockServiceWorker', 'setupWorker', 'msw']

test.describe('the production build', () => {
  test.beforeEach(({ target }) => {
    // Mock mode is the dev server: the worker is meant to be there.
    test.skip(target !== 'http', 'the http target serves the production build')
  })

  test('/robots.txt is a robots file, and a path the app has no page for answers 404 (with its "Page not found" page)', async ({ page, request }) => {
    const robots = await request.get('/robots.txt')
    expect(robots.status()).toBe(200)
    expect(robots.headers()['content-type']).toMatch(/^text\/plain/)
    expect(await robots.text()).toMatch(/^User-agent: \*$/m)

    for (const path of ['/no-such-page', '/profile/extra', '/wp-admin']) expect((await request.get(path)).status(), path).toBe(404)
    for (const path of ['/', '/login', '/signup', '/profile', '/board', '/login?returnTo=%2Fboard']) expect((await request.get(path)).status(), path).toBe(200)

    const answer = await page.goto('/no-such-page')
    expect(answer?.status()).toBe(404)
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  })

  test('dist/assets/*.js contain no MSW code', async () => {
    const scripts = (await readdir(`${DIST}assets`)).filter((name) => name.endsWith('.js'))
    expect(scripts.length).toBeGreaterThan(0)
    for (const name of scripts) {
      const code = await readFile(`${DIST}assets/${name}`, 'utf8')
      for (const marker of MSW_MARKERS) expect(code.includes(marker), `"${marker}" in dist/assets/${name}`).toBe(false)
    }
  })

  test('the scripts the page loads contain no MSW code, and no service worker runs', async ({ page }) => {
    const scripts: Array<Promise<{ url: string; code: string }>> = []
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response.text().then((code) => ({ url: response.url(), code })))
    })
    await logInAsDemo(page)
    await expectProfile(page)

    const loaded = await Promise.all(scripts)
    expect(loaded.length).toBeGreaterThan(0)
    for (const { url, code } of loaded) {
      for (const marker of MSW_MARKERS) expect(code.includes(marker), `"${marker}" in ${url}`).toBe(false)
    }
    expect(page.context().serviceWorkers()).toHaveLength(0)
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((list) => list.length))).toBe(0)
    expect(await page.evaluate(() => '__mock' in window)).toBe(false)
    await expect(page.getByRole('button', { name: 'Session inspector' })).toHaveCount(0)
  })

  test('the login page asks for its code in at most six files, the vendor chunk holds only dependencies, no route\'s code but its own', async () => {
    const html = await readFile(`${DIST}login.html`, 'utf8')
    const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]* href="\/assets\/([^"]+)"/g)].map((match) => match[1]!)
    const head = [...html.matchAll(/<(?:script|link)[^>]* (?:src|href)="\/assets\/([^"]+)"/g)].map((match) => match[1]!)
    // The first module, the stylesheet and the preloads: HTTP/1.1 opens six connections to the origin, and a returning
    // visitor's start-up refresh, sent when the first module has run, must find one free (scripts/app-chunks.ts).
    expect(head.length, head.join(', ')).toBeLessThanOrEqual(6)
    expect(preloads.filter((file) => /^(board|profile)-/.test(file)), preloads.join(', ')).toEqual([])
    expect(preloads.some((file) => file.startsWith('auth-')), preloads.join(', ')).toBe(true)

    const vendor = (await readdir(`${DIST}assets`)).find((name) => /^vendor-.+\.js$/.test(name))
    expect(vendor).toBeDefined()
    const code = await readFile(`${DIST}assets/${vendor}`, 'utf8')
    // Our own code's messages are not in it: an app change leaves the vendor chunk's name (and the cache) alone.
    for (const ours of ['Restoring your session', 'silent-refresh', 'AuthError']) expect(code.includes(ours), ours).toBe(false)
  })

  test('a second load runs the page\'s scripts and stylesheet from the browser\'s cache: hashed files are immutable, pages revalidated, a missing file 404', async ({ page, context, request }) => {
    const entry = (await readFile(`${DIST}login.html`, 'utf8')).match(/<script[^>]* src="(\/assets\/[^"]+)"/)![1]!
    expect((await request.get(entry)).headers()['cache-control']).toBe('public, max-age=31536000, immutable')
    expect((await request.get('/login')).headers()['cache-control']).toBe('no-cache')
    const missing = await request.get('/assets/index-no-such-build.js')
    expect(missing.status()).toBe(404)
    expect(missing.headers()['cache-control']).toBe('no-cache')

    // Resource Timing: a file from the HTTP cache has a transferSize of 0; a revalidated one (304) carries its headers.
    const assetsFetched = `performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.startsWith('/assets/')).map((e) => ({ path: new URL(e.name).pathname, transferSize: e.transferSize }))`
    await page.goto('/login')
    await expect(page.getByRole('button', { name: 'Log in' })).toBeEnabled()
    const first = (await page.evaluate(assetsFetched)) as { path: string; transferSize: number }[]
    expect(first.length).toBeGreaterThanOrEqual(3)
    expect(first.every((file) => file.transferSize > 0), JSON.stringify(first)).toBe(true)

    const again = await context.newPage()
    await again.goto('/login')
    await expect(again.getByRole('button', { name: 'Log in' })).toBeEnabled()
    const second = (await again.evaluate(assetsFetched)) as { path: string; transferSize: number }[]
    expect(second.map((file) => file.path).sort()).toEqual(first.map((file) => file.path).sort())
    expect(second.filter((file) => file.transferSize > 0), 'asked of the server again').toEqual([])
  })

  test('dist/ ships no mockServiceWorker.js', async ({ request }) => {
    expect(await readdir(DIST)).not.toContain('mockServiceWorker.js')
    // `vite preview` answers unknown paths with the app's index.html; MSW's script must not be what comes back.
    const response = await request.get('/mockServiceWorker.js')
    const body = response.ok() ? await response.text() : ''
    for (const marker of ['MSW', 'msw']) expect(body).not.toContain(marker)
  })
})
