import type { Browser, BrowserContext } from 'playwright-core'
import type { MockHttpServer } from '../../mocks/server'
import { median } from '../lib/median'

export type Visitor = 'first visit' | 'returning'
export type PagePath = '/profile' | '/board'

/** One cell: a page, a visitor, a latency, a credential scheme; medians over the runs. */
export interface ReloadCell {
  latencyMs: number
  page: PagePath
  visitor: Visitor
  scheme: string
  runs: number
  /** ms after navigation start: the user's data on screen (the email on /profile, the name in the header on /board); for a first visit, the login form. */
  userDataMs: number
  /** /board: the posts on screen (a second request, after the token). Null elsewhere. */
  contentMs: number | null
  /** When `POST /api/auth/refresh` left (ms after navigation start), or null when none was sent. */
  refreshStartMs: number | null
  /** When its answer had arrived, or null. */
  refreshEndMs: number | null
  /** Sequential API round trips before the user's data showed (0 when none was needed). */
  roundTripsBeforeData: number
  /** The same before the page's content (the posts on /board). */
  roundTripsBeforeContent: number
  /** When the app's code (React, router, the route) had loaded and rendering began (`performance.mark('app:render')`). */
  appRenderMs: number | null
  /** Refresh calls per page load (the mock's count). */
  refreshesPerLoad: number
}

const RUNS = 5

/**
 * Records in the page when each marker first appeared (`performance.now()`: ms since navigation start). A string,
 * not a function: tsx's helpers would not exist in the page.
 */
function markerWatcher(email: string, name: string): string {
  return `(() => {
    const marks = (window.__marks = {})
    const seen = (key, test) => { if (marks[key] === undefined && test()) marks[key] = performance.now() }
    const record = () => {
      seen('email', () => Array.from(document.querySelectorAll('dd')).some((dd) => dd.textContent === ${JSON.stringify(email)}))
      seen('name', () => Array.from(document.querySelectorAll('.account-name')).some((el) => el.textContent === ${JSON.stringify(name)}))
      seen('posts', () => document.querySelector('ol.posts li') !== null)
      seen('login', () => Array.from(document.querySelectorAll('h1')).some((h) => /log in/i.test(h.textContent || '')))
    }
    new MutationObserver(record).observe(document, { childList: true, subtree: true, characterData: true })
  })()`
}

/** API requests of this page load (resource timing), to count round trips and find the refresh. */
const API_ENTRIES = `performance.getEntriesByType('resource')
  .filter((e) => new URL(e.name).pathname.startsWith('/api/'))
  .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd }))`

interface ApiEntry {
  path: string
  start: number
  end: number
}

/** Sequential round trips among the requests answered by `until`: a request that left after an earlier answer arrived is one more. */
export function roundTrips(entries: ApiEntry[], until: number): number {
  const done = entries.filter((e) => e.end <= until).sort((a, b) => a.start - b.start)
  let trips = 0
  let stageEnd = -Infinity
  for (const entry of done) {
    if (entry.start >= stageEnd) {
      trips += 1
      stageEnd = entry.end
    } else stageEnd = Math.min(stageEnd, entry.end)
  }
  return trips
}

async function logIn(context: BrowserContext, appUrl: string, user: { email: string; password: string }): Promise<void> {
  const page = await context.newPage()
  await page.goto(`${appUrl}/login`)
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: /log in/i }).click()
  await page.waitForURL(/\/profile$/, { timeout: 20_000 })
  await page.locator('dd', { hasText: user.email }).waitFor({ timeout: 20_000 })
  await page.close()
}

export interface MatrixOptions {
  appUrl: string
  mock: MockHttpServer
  browser: Browser
  user: { email: string; password: string; name: string }
  latencies: number[]
  /** The label of the credentials the app sends (`Bearer`, `DPoP`). */
  scheme: string
  /** Per context, before anything loads (e.g. a switch the app reads). */
  initScript?: string
}

async function measureOnce(context: BrowserContext, options: MatrixOptions, path: PagePath, visitor: Visitor) {
  const page = await context.newPage()
  const before = (await options.mock.control.stats()).refreshCalls
  await page.goto(`${options.appUrl}${path}`, { waitUntil: 'commit' })
  const marker = visitor === 'first visit' ? 'login' : path === '/profile' ? 'email' : 'name'
  // Predicates as functions, not strings: the app's CSP (no 'unsafe-eval') refuses a string predicate.
  const marked = (key: string) => (window as unknown as { __marks?: Record<string, number> }).__marks?.[key] !== undefined
  await page.waitForFunction(marked, marker, { timeout: 20_000 })
  if (visitor === 'returning' && path === '/board') await page.waitForFunction(marked, 'posts', { timeout: 20_000 })
  const marks = (await page.evaluate('window.__marks')) as Record<string, number>
  const entries = (await page.evaluate(API_ENTRIES)) as ApiEntry[]
  // A first visit's login form shows from the HTML before the app's code (src/app/login-shell.ts): wait for the code.
  await page.waitForFunction(() => performance.getEntriesByName('app:render').length > 0, undefined, { timeout: 20_000 })
  const appRender = (await page.evaluate(`performance.getEntriesByName('app:render').map((e) => e.startTime)[0] ?? null`)) as number | null
  await page.close()
  const refresh = entries.find((e) => e.path === '/api/auth/refresh') ?? null
  const dataAt = marks[marker]!
  const contentAt = visitor === 'returning' && path === '/board' ? marks.posts! : dataAt
  return {
    dataAt,
    contentAt: visitor === 'returning' && path === '/board' ? contentAt : null,
    refreshStart: refresh?.start ?? null,
    refreshEnd: refresh?.end ?? null,
    tripsData: roundTrips(entries, dataAt),
    tripsContent: roundTrips(entries, contentAt),
    refreshes: (await options.mock.control.stats()).refreshCalls - before,
    appRender,
  }
}

const medianOrNull = (values: (number | null)[]) => (values.some((v) => v === null) ? null : Math.round(median(values as number[])))

/** Every cell of latency × page × visitor for one scheme: first visits in fresh contexts, returning users reloading a logged-in one. */
export async function runReloadMatrix(options: MatrixOptions): Promise<ReloadCell[]> {
  const cells: ReloadCell[] = []
  const watcher = markerWatcher(options.user.email, options.user.name)
  for (const latencyMs of options.latencies) {
    for (const visitor of ['first visit', 'returning'] as const) {
      for (const path of ['/profile', '/board'] as const) {
        // The mock requires DPoP by default; the Bearer runs (no IndexedDB) need it optional to log in at all.
        await options.mock.control.configure({ latencyMs: 0, dpop: options.scheme === 'Bearer' ? 'optional' : 'required' })
        let shared: BrowserContext | null = null
        if (visitor === 'returning') {
          shared = await options.browser.newContext()
          if (options.initScript) await shared.addInitScript({ content: options.initScript })
          await logIn(shared, options.appUrl, options.user)
          await shared.addInitScript({ content: watcher })
        }
        await options.mock.control.configure({ latencyMs })
        const runs = []
        for (let i = 0; i < RUNS + 1; i++) {
          let context = shared
          if (!context) {
            context = await options.browser.newContext()
            if (options.initScript) await context.addInitScript({ content: options.initScript })
            await context.addInitScript({ content: watcher })
          }
          const run = await measureOnce(context, options, path, visitor)
          if (!shared) await context.close()
          if (i > 0) runs.push(run) // the first is a warm-up (caches, JIT)
        }
        await shared?.close()
        cells.push({
          latencyMs,
          page: path,
          visitor,
          scheme: options.scheme,
          runs: runs.length,
          userDataMs: Math.round(median(runs.map((r) => r.dataAt))),
          contentMs: medianOrNull(runs.map((r) => r.contentAt)),
          refreshStartMs: medianOrNull(runs.map((r) => r.refreshStart)),
          refreshEndMs: medianOrNull(runs.map((r) => r.refreshEnd)),
          roundTripsBeforeData: Math.max(...runs.map((r) => r.tripsData)),
          roundTripsBeforeContent: Math.max(...runs.map((r) => r.tripsContent)),
          appRenderMs: medianOrNull(runs.map((r) => r.appRender)),
          refreshesPerLoad: Math.max(...runs.map((r) => r.refreshes)),
        })
      }
    }
  }
  await options.mock.control.configure({ latencyMs: 0 })
  return cells
}
