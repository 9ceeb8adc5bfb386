import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { MockHttpServer } from '../../mocks/server'
import { median } from '../lib/median'

/**
 * Slow mobile, as Chromium's DevTools emulate it (CDP): every request pays 150 ms of round trip, 1.6 Mbps down,
 * 750 kbps up, and the page's CPU runs 4× slower. The same figures as Lighthouse's mobile preset ("slow 4G").
 */
export const SLOW_MOBILE = { latencyMs: 150, downloadKbps: 1600, uploadKbps: 750, cpuSlowdown: 4 } as const

export type SlowMobilePath = '/login' | '/profile'
export type SlowMobileVisitor = 'first visit' | 'returning'

/** One cell: a page and a visitor under slow-mobile emulation; medians over the runs. */
export interface SlowMobileCell {
  page: SlowMobilePath
  visitor: SlowMobileVisitor
  runs: number
  /**
   * ms after navigation start when `POST /api/auth/refresh` left: its resource timing's `requestStart` (the browser began
   * to send it), not `startTime` (when `fetch` was called: the request may then wait for one of HTTP/1.1's six
   * connections, taken by the app's chunks). Null when none was sent.
   */
  refreshLeftMs: number | null
  /** `first-contentful-paint` (ms after navigation start). */
  firstContentfulPaintMs: number | null
  /** When the login form was in the page (first visit) or the user's email (returning: /login goes on to the profile). */
  usableMs: number | null
  /** Whether the login form was in the HTML itself (there before any script ran), in every run. */
  formInHtml: boolean
  /** When the app's code had loaded and React took over (`performance.mark('app:render')`). */
  appRenderMs: number | null
  refreshesPerLoad: number
}

const RUNS = 5

/** In the page before anything else: when the markers first appear, and whether the form came with the HTML. */
function watcher(email: string): string {
  return `(() => {
    const marks = (window.__marks = {})
    const seen = (key, test) => { if (marks[key] === undefined && test()) marks[key] = performance.now() }
    const record = () => {
      seen('form', () => document.querySelector('form button[type=submit]') !== null && document.querySelector('input[type=password]') !== null)
      seen('email', () => Array.from(document.querySelectorAll('dd')).some((dd) => dd.textContent === ${JSON.stringify(email)}))
    }
    new MutationObserver(record).observe(document, { childList: true, subtree: true, characterData: true })
    document.addEventListener('DOMContentLoaded', () => { marks.formBeforeScripts = document.querySelector('#root form') !== null && performance.getEntriesByName('app:render').length === 0 })
  })()`
}

async function emulate(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: SLOW_MOBILE.latencyMs,
    downloadThroughput: (SLOW_MOBILE.downloadKbps * 1000) / 8,
    uploadThroughput: (SLOW_MOBILE.uploadKbps * 1000) / 8,
  })
  // No cache: a returning visitor on a phone has it, but the bench wants the network's floor, the same every run.
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_MOBILE.cpuSlowdown })
}

const PAGE_FIGURES = `(() => {
  const refresh = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === '/api/auth/refresh')
  // requestStart is 0 only where the timing is hidden (cross-origin without Timing-Allow-Origin): then the fetch call.
  const fcp = performance.getEntriesByName('first-contentful-paint')[0]
  const render = performance.getEntriesByName('app:render')[0]
  return { refreshLeft: refresh ? refresh.requestStart || refresh.startTime : null, fcp: fcp ? fcp.startTime : null, appRender: render ? render.startTime : null, marks: window.__marks }
})()`

async function measureOnce(context: BrowserContext, appUrl: string, mock: MockHttpServer, path: SlowMobilePath, visitor: SlowMobileVisitor) {
  const page = await context.newPage()
  await emulate(page)
  const before = (await mock.control.stats()).refreshCalls
  await page.goto(`${appUrl}${path}`, { waitUntil: 'commit', timeout: 60_000 })
  // A returning visitor on /login is sent on to the profile: the email there.
  const marker = visitor === 'returning' ? 'email' : 'form'
  const marked = (key: string) => (window as unknown as { __marks?: Record<string, number> }).__marks?.[key] !== undefined
  await page.waitForFunction(marked, marker, { timeout: 60_000 })
  // The paint entry is queued after the frame: wait for it too.
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, { timeout: 60_000 })
  await page.waitForFunction(() => performance.getEntriesByName('app:render').length > 0, undefined, { timeout: 60_000 })
  const figures = (await page.evaluate(PAGE_FIGURES)) as {
    refreshLeft: number | null
    fcp: number | null
    appRender: number | null
    marks: Record<string, number | boolean>
  }
  await page.close()
  return {
    ...figures,
    usable: typeof figures.marks[marker] === 'number' ? (figures.marks[marker] as number) : null,
    formInHtml: figures.marks.formBeforeScripts === true,
    refreshes: (await mock.control.stats()).refreshCalls - before,
  }
}

const medianOrNull = (values: (number | null)[]) => (values.some((v) => v === null) ? null : Math.round(median(values as number[])))

async function logIn(context: BrowserContext, appUrl: string, user: { email: string; password: string }): Promise<void> {
  const page = await context.newPage()
  await page.goto(`${appUrl}/login`)
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: /log in/i }).click()
  await page.waitForURL(/\/profile$/, { timeout: 30_000 })
  await page.locator('dd', { hasText: user.email }).waitFor({ timeout: 30_000 })
  await page.close()
}

/**
 * /login and /profile, first visit (a fresh browser profile) and returning (signed in, then reloading), under slow-mobile
 * emulation. Cache disabled in both, so each load fetches every script again (the floor a network imposes).
 */
export async function runSlowMobileMatrix(options: {
  appUrl: string
  mock: MockHttpServer
  browser: Browser
  user: { email: string; password: string }
  runs?: number
}): Promise<SlowMobileCell[]> {
  const { appUrl, mock, browser, user } = options
  const runsWanted = options.runs ?? RUNS
  const cells: SlowMobileCell[] = []
  await mock.control.configure({ latencyMs: 0 })
  for (const visitor of ['first visit', 'returning'] as const) {
    for (const path of ['/login', '/profile'] as const) {
      let shared: BrowserContext | null = null
      if (visitor === 'returning') {
        shared = await browser.newContext()
        await logIn(shared, appUrl, user)
        await shared.addInitScript({ content: watcher(user.email) })
      }
      const runs = []
      for (let i = 0; i < runsWanted + 1; i++) {
        let context = shared
        if (!context) {
          context = await browser.newContext()
          await context.addInitScript({ content: watcher(user.email) })
        }
        const run = await measureOnce(context, appUrl, mock, path, visitor)
        if (!shared) await context.close()
        if (i > 0) runs.push(run) // the first is a warm-up (the server's caches, Chromium's JIT)
      }
      await shared?.close()
      cells.push({
        page: path,
        visitor,
        runs: runs.length,
        refreshLeftMs: medianOrNull(runs.map((r) => r.refreshLeft)),
        firstContentfulPaintMs: medianOrNull(runs.map((r) => r.fcp)),
        usableMs: medianOrNull(runs.map((r) => r.usable)),
        formInHtml: runs.every((r) => r.formInHtml),
        appRenderMs: medianOrNull(runs.map((r) => r.appRender)),
        refreshesPerLoad: Math.max(...runs.map((r) => r.refreshes)),
      })
    }
  }
  return cells
}
