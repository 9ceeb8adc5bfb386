import { existsSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { preview, type PreviewServer } from 'vite'
import { startMockHttpServer, type MockHttpServer } from '../../mocks/server'
import { median } from '../lib/median'
import { runReloadMatrix, type ReloadCell } from './reload-matrix'
import { runSlowMobileMatrix, writeFloorPage, type SlowMobileCell } from './slow-mobile'

/** ms since navigation start when each had arrived: the app's script, the refresh answer, `GET /api/me`. */
export interface ReloadPhases {
  script: number
  refresh: number
  me: number
}

export type ReloadResult =
  | { skipped: string }
  | {
      reloads: number
      /** Median ms from the reload's navigation start to the profile showing the user's email. */
      medianMs: number
      timesMs: number[]
      /** Medians over the reloads. */
      phasesMs: ReloadPhases
      /** Requests of the median reload, by kind, and the API calls among them. */
      requests: { total: number; document: number; assets: number; api: string[] }
      chromium: string
      /** Reloads and first visits of /profile and /board with the mock's latency at 0 and 300 ms (issue 14). */
      matrix: ReloadCell[]
      /** /login and /profile under slow-mobile emulation: refresh left at, first contentful paint (issue 24). */
      slowMobile: SlowMobileCell[]
    }

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const DEMO = { email: 'demo@example.com', password: 'demo-pass-123', name: 'Demo User' }
export const LATENCIES_MS = [0, 300]
/** Before the app's scripts: no IndexedDB, so the app falls back to Bearer (its path where DPoP cannot keep a key). */
const WITHOUT_INDEXEDDB = "Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true })"
const RELOADS = 7

/**
 * Records, in the page, when the profile first shows the user's email (`performance.now()`: ms since
 * navigation start). A string, not a function: tsx's name helpers would not exist in the page.
 */
function profileWatcher(email: string): string {
  return `(() => {
    const email = ${JSON.stringify(email)}
    const record = () => {
      if (window.__profileShownAt !== undefined) return
      if (Array.from(document.querySelectorAll('dd')).some((dd) => dd.textContent === email)) window.__profileShownAt = performance.now()
    }
    new MutationObserver(record).observe(document, { childList: true, subtree: true, characterData: true })
  })()`
}

/** Evaluated in the page (a string for the same reason as above): when each response had fully arrived. */
const PHASES_SCRIPT = `(() => {
  const ended = (part) => Math.max(0, ...performance.getEntriesByType('resource').filter((e) => e.name.includes(part)).map((e) => e.responseEnd))
  return { script: ended('/assets/'), refresh: ended('/api/auth/refresh'), me: ended('/api/me') }
})()`

async function logIn(page: Page, appUrl: string): Promise<void> {
  await page.goto(`${appUrl}/login`)
  await page.getByLabel('Email').fill(DEMO.email)
  await page.getByLabel('Password').fill(DEMO.password)
  await page.getByRole('button', { name: /log in/i }).click()
  await page.waitForURL(/\/profile$/, { timeout: 15_000 })
  await page.locator('dd', { hasText: DEMO.email }).waitFor({ timeout: 15_000 })
}

async function timeReload(page: Page, appOrigin: string) {
  const seen: { url: string; method: string; type: string }[] = []
  const onRequest = (request: { url(): string; method(): string; resourceType(): string }) =>
    seen.push({ url: request.url(), method: request.method(), type: request.resourceType() })
  page.on('request', onRequest)
  await page.reload({ waitUntil: 'commit' })
  // A function, not a string: the app's CSP (no 'unsafe-eval') refuses a string predicate.
  const shownAt = await page.waitForFunction(() => (window as unknown as { __profileShownAt?: number }).__profileShownAt, undefined, { timeout: 15_000 })
  const ms = (await shownAt.jsonValue()) as number
  page.off('request', onRequest)
  // The page's own calls behind the email (GET /api/me, the sessions) finish here, not in the next reload's count.
  await page.waitForFunction(() => ['/api/me', '/api/auth/sessions'].every((part) => performance.getEntriesByType('resource').some((e) => e.name.includes(part) && (e as PerformanceResourceTiming).responseEnd > 0)), undefined, { timeout: 15_000 })
  const phases = (await page.evaluate(PHASES_SCRIPT)) as ReloadPhases
  const api = seen.filter((r) => r.url.startsWith(`${appOrigin}/api/`)).map((r) => `${r.method} ${new URL(r.url).pathname}`)
  return {
    ms,
    phases,
    requests: { total: seen.length, document: seen.filter((r) => r.type === 'document').length, assets: seen.length - api.length - seen.filter((r) => r.type === 'document').length, api },
  }
}

/**
 * The production build served by `vite preview`, `/api` proxied to the mock's HTTP server (real
 * HttpOnly cookie), driven by Chromium: log in once, then reload the profile page several times.
 */
export async function runReloadBench(root: string, builtApp: string | null): Promise<ReloadResult> {
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)` }
  if (!builtApp || !existsSync(path.join(builtApp, 'index.html'))) return { skipped: 'no production build to serve' }
  let mock: MockHttpServer | undefined
  let server: PreviewServer | undefined
  let browser: Browser | undefined
  try {
    mock = await startMockHttpServer({ port: 0 })
    await writeFloorPage(builtApp) // a scratch build (bench/run.ts removes it after)
    server = await preview({
      root,
      logLevel: 'silent',
      build: { outDir: builtApp },
      preview: { port: 0, strictPort: false, open: false, proxy: { '/api': { target: mock.url }, '/__mock': { target: mock.url } } },
    })
    const appUrl = server.resolvedUrls?.local[0]?.replace(/\/$/, '')
    if (!appUrl) return { skipped: 'vite preview did not report its URL' }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    const context = await browser.newContext()
    await context.addInitScript({ content: profileWatcher(DEMO.email) })
    const page = await context.newPage()
    await logIn(page, appUrl)
    await timeReload(page, appUrl) // warm-up: caches and JIT as a returning user has them
    const runs: Awaited<ReturnType<typeof timeReload>>[] = []
    for (let i = 0; i < RELOADS; i++) runs.push(await timeReload(page, appUrl))
    const timesMs = runs.map((run) => Math.round(run.ms))
    const medianMs = median(timesMs)
    const typical = runs.reduce((best, run) => (Math.abs(run.ms - medianMs) < Math.abs(best.ms - medianMs) ? run : best))
    const phase = (name: keyof ReloadPhases) => Math.round(median(runs.map((run) => run.phases[name])))
    await context.close()
    const matrix = [
      // The app's default: DPoP with the origin's key in IndexedDB.
      ...(await runReloadMatrix({ appUrl, mock, browser, user: DEMO, latencies: LATENCIES_MS, scheme: 'DPoP' })),
      // Bearer: the app's own fallback where IndexedDB is missing.
      ...(await runReloadMatrix({ appUrl, mock, browser, user: DEMO, latencies: LATENCIES_MS, scheme: 'Bearer', initScript: WITHOUT_INDEXEDDB })),
    ]
    const slowMobile = await runSlowMobileMatrix({ appUrl, mock, browser, user: DEMO, floor: true })
    return {
      matrix,
      slowMobile,
      reloads: RELOADS,
      medianMs,
      timesMs,
      phasesMs: { script: phase('script'), refresh: phase('refresh'), me: phase('me') },
      requests: typical.requests,
      chromium: browser.version(),
    }
  } catch (error) {
    return { skipped: `the browser run failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` }
  } finally {
    await browser?.close()
    await server?.close()
    await mock?.close()
  }
}
