import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core'
import type { MockHttpServer } from '../../mocks/server'
import { median } from '../lib/median'

/**
 * Slow mobile, as Chromium's DevTools emulate it (CDP): every request pays 150 ms of round trip, 1.6 Mbps down,
 * 750 kbps up, and the page's CPU runs 4× slower. The same figures as Lighthouse's mobile preset ("slow 4G").
 */
export const SLOW_MOBILE = { latencyMs: 150, downloadKbps: 1600, uploadKbps: 750, cpuSlowdown: 4 } as const

/**
 * The floor: a page of one paragraph whose only script, a 1 KB module, sends `POST /api/auth/refresh` at once
 * (`credentials: 'omit'`: no cookie, no session touched; a 401). What the network and the browser allow before any
 * of the app's work: the app's "refresh left at" is read against it. Written into the build by `writeFloorPage`.
 */
export const FLOOR_PAGE = '/bench-floor.html'

/**
 * The floor with the start-up refresh's obligations: the same page, whose module (about 1 KB too) first takes a Web
 * Lock (its own name, not the app's) and reads the origin's DPoP key from IndexedDB (the app's database, read only)
 * side by side, signs 32 bytes with the key (one ECDSA signature), and only then sends the refresh, still without the
 * cookie. What the lock, the stored key and a signature cost this browser on top of the floor, without any of the
 * app's own code: the app's boot does these three things and little else.
 */
export const KEYED_FLOOR_PAGE = '/bench-floor-keyed.html'

export type SlowMobilePath = '/login' | '/profile' | typeof FLOOR_PAGE | typeof KEYED_FLOOR_PAGE
const isFloor = (page: SlowMobilePath) => page === FLOOR_PAGE || page === KEYED_FLOOR_PAGE
/**
 * `returning, same tab`: the reloads happen in one tab (Chromium keeps its renderer); `returning`: a new tab each time.
 * `returning, cached`: a new tab each time with the browser's cache on, so the page's scripts and stylesheet come from
 * it (the build's files are served `immutable`); every other visitor fetches them again.
 */
export type SlowMobileVisitor = 'first visit' | 'returning' | 'returning, same tab' | 'returning, cached'

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
  /** When the HTML had arrived: the navigation's `responseEnd` (ms after navigation start). */
  htmlInMs: number | null
  /**
   * The refresh's leaving counted from the HTML's arrival (the median of each load's difference): issue 24's "within one
   * round trip and a few kilobytes after the HTML arrives", the part of *refresh left at* that is the page's own (the
   * first module's request and download, its run, the lock, the key, the proof). Null when no refresh was sent.
   */
  refreshAfterHtmlMs: number | null
  /** When the page's first module (its first `<script type="module">`) had arrived: its resource timing's `responseEnd`. */
  firstModuleInMs: number | null
  /**
   * The first module's \`boot:…\` User Timing marks (\`start\`: it began to run; \`key-read\`, \`lock-acquired\`,
   * \`proof-signed\`, \`fetch\`: silent-refresh/boot's steps), medians of the loads that made each, ms after navigation start.
   */
  bootMarksMs: Record<string, number>
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
/** How often the bench looks in the page: on a timer, not every frame (each look is a task on its main thread). */
const POLL_MS = 50

const SEND_REFRESH = `fetch('/api/auth/refresh', { method: 'POST', credentials: 'omit', headers, body: '{}' }).then((response) => response.text()).catch(() => undefined)`

const FLOOR_MODULES = {
  [FLOOR_PAGE]: `performance.mark('boot:start')
const headers = { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' }
${SEND_REFRESH}
`,
  [KEYED_FLOOR_PAGE]: `performance.mark('boot:start')
const headers = { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' }
const key = new Promise((resolve) => {
  const open = indexedDB.open('silent-refresh-dpop', 1)
  open.onupgradeneeded = () => open.result.createObjectStore('keys')
  open.onerror = () => resolve(null)
  open.onsuccess = () => {
    const read = open.result.transaction('keys', 'readonly').objectStore('keys').get('current')
    read.onsuccess = () => { performance.mark('boot:key-read'); resolve(read.result ?? null) }
    read.onerror = () => resolve(null)
  }
})
navigator.locks.request('bench-floor', async () => {
  performance.mark('boot:lock-acquired')
  const pair = await key
  if (pair && pair.privateKey) {
    const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, crypto.getRandomValues(new Uint8Array(32)))
    headers['X-Bench-Signature'] = String(signature.byteLength)
    performance.mark('boot:proof-signed')
  }
  performance.mark('boot:fetch')
  return ${SEND_REFRESH}
})
`,
} as const

/** Writes the floor pages (`FLOOR_PAGE`, `KEYED_FLOOR_PAGE`) and their modules into a built app (a bench's scratch build only; never the real `dist/`). */
export async function writeFloorPage(builtApp: string): Promise<void> {
  await mkdir(path.join(builtApp, 'assets'), { recursive: true })
  for (const [page, module] of Object.entries(FLOOR_MODULES)) {
    const script = `assets/${page.slice(1).replace(/\.html$/, '.js')}`
    await writeFile(path.join(builtApp, script), module + `/* ${'-'.repeat(Math.max(0, 1024 - module.length - 6))} */\n`)
    await writeFile(
      path.join(builtApp, page.slice(1)),
      `<!doctype html>\n<html lang="en"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1.0"><title>Floor</title><link rel="icon" href="data:,">\n<script type="module" async crossorigin src="/${script}"></script></head>\n<body><p>The floor: one paragraph and a 1 KB module that sends the refresh request.</p></body></html>\n`,
    )
  }
}

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

async function emulate(page: Page, options: { cache: boolean }): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: SLOW_MOBILE.latencyMs,
    downloadThroughput: (SLOW_MOBILE.downloadKbps * 1000) / 8,
    uploadThroughput: (SLOW_MOBILE.uploadKbps * 1000) / 8,
  })
  // No cache but in the `cached` rows: the network's floor, the same every run. A returning visitor on a phone has the
  // cache, and the `cached` rows show what it saves.
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: !options.cache })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_MOBILE.cpuSlowdown })
  return cdp
}

/**
 * The value of `expression` in the page once it is truthy, looked at every POLL_MS through the DevTools protocol: one
 * small evaluation per look. Playwright's `waitForFunction` and `evaluate` first install its own script in the page
 * (30-60 ms of the main thread at 4x CPU in a trace), which fell on the boot path it measures, even after the load
 * event when the scripts came from the cache.
 */
async function valueInPage<T>(cdp: CDPSession, expression: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      const { result } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true })
      if (result.value) return result.value as T
    } catch {
      // The document is being replaced (a redirect to /profile): look again.
    }
    if (Date.now() > deadline) throw new Error(`the page never had ${expression}`)
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

const PAGE_FIGURES = `(() => {
  const refresh = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === '/api/auth/refresh')
  // requestStart is 0 only where the timing is hidden (cross-origin without Timing-Allow-Origin): then the fetch call.
  const fcp = performance.getEntriesByName('first-contentful-paint')[0]
  const render = performance.getEntriesByName('app:render')[0]
  const navigation = performance.getEntriesByType('navigation')[0]
  const moduleSrc = document.querySelector('script[type=module][src]')?.src
  const firstModule = moduleSrc ? performance.getEntriesByName(moduleSrc)[0] : undefined
  return {
    refreshLeft: refresh ? refresh.requestStart || refresh.startTime : null,
    fcp: fcp ? fcp.startTime : null,
    appRender: render ? render.startTime : null,
    htmlIn: navigation ? navigation.responseEnd : null,
    firstModuleIn: firstModule ? firstModule.responseEnd : null,
    boot: Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('boot:')).map((m) => [m.name.slice(5), m.startTime])),
    marks: window.__marks,
  }
})()`

interface PageFigures {
  refreshLeft: number | null
  fcp: number | null
  appRender: number | null
  htmlIn: number | null
  firstModuleIn: number | null
  boot: Record<string, number>
  marks: Record<string, number | boolean>
}

/** One page load's figures, as `measureOnce` reads them. */
export interface SlowMobileLoad extends PageFigures {
  usable: number | null
  formInHtml: boolean
  refreshes: number
}

/**
 * A cell from its loads: medians of each figure (null when a load lacks it). *Refresh left after the HTML* is the median
 * of each load's own difference, not the difference of two medians; a \`boot:…\` step's median is over the loads that made it.
 */
export function summarizeLoads(page: SlowMobilePath, visitor: SlowMobileVisitor, loads: SlowMobileLoad[]): SlowMobileCell {
  const steps = [...new Set(loads.flatMap((load) => Object.keys(load.boot)))]
  return {
    page,
    visitor,
    runs: loads.length,
    refreshLeftMs: medianOrNull(loads.map((l) => l.refreshLeft)),
    htmlInMs: medianOrNull(loads.map((l) => l.htmlIn)),
    refreshAfterHtmlMs: medianOrNull(loads.map((l) => (l.refreshLeft === null || l.htmlIn === null ? null : l.refreshLeft - l.htmlIn))),
    firstModuleInMs: medianOrNull(loads.map((l) => l.firstModuleIn)),
    bootMarksMs: Object.fromEntries(steps.map((step) => [step, Math.round(median(loads.flatMap((l) => (step in l.boot ? [l.boot[step]!] : []))))])),
    firstContentfulPaintMs: medianOrNull(loads.map((l) => l.fcp)),
    usableMs: medianOrNull(loads.map((l) => l.usable)),
    formInHtml: loads.every((l) => l.formInHtml),
    appRenderMs: medianOrNull(loads.map((l) => l.appRender)),
    refreshesPerLoad: Math.max(...loads.map((l) => l.refreshes)),
  }
}

interface Tab {
  page: Page
  cdp: CDPSession
}

async function measureOnce(context: BrowserContext, appUrl: string, mock: MockHttpServer, path: SlowMobilePath, visitor: SlowMobileVisitor, tab?: Tab): Promise<SlowMobileLoad> {
  const page = tab?.page ?? (await context.newPage())
  const cdp = tab?.cdp ?? (await emulate(page, { cache: visitor === 'returning, cached' }))
  const before = (await mock.control.stats()).refreshCalls
  await page.goto(`${appUrl}${path}`, { waitUntil: 'commit', timeout: 60_000 })
  if (isFloor(path)) {
    await valueInPage(cdp, `performance.getEntriesByType('resource').some((e) => e.name.includes('/api/auth/refresh'))`)
    await valueInPage(cdp, `performance.getEntriesByName('first-contentful-paint').length > 0`)
    const figures = await valueInPage<PageFigures>(cdp, PAGE_FIGURES)
    if (!tab) await page.close()
    return { ...figures, appRender: null, usable: null, formInHtml: false, refreshes: 0 }
  }
  // A returning visitor (any of the three) sees the user's email, on /login too: it is sent on to the profile.
  const marker = visitor === 'first visit' ? 'form' : 'email'
  await valueInPage(cdp, `window.__marks?.[${JSON.stringify(marker)}] !== undefined`)
  // The paint entry is queued after the frame: wait for it too.
  await valueInPage(cdp, `performance.getEntriesByName('first-contentful-paint').length > 0`)
  await valueInPage(cdp, `performance.getEntriesByName('app:render').length > 0`)
  const figures = await valueInPage<PageFigures>(cdp, PAGE_FIGURES)
  if (!tab) await page.close()
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
 * emulation. Cache disabled but in the `returning, cached` rows, so each load fetches every script again (the floor a
 * network imposes); the cached rows' warm-up load fills the cache.
 */
export async function runSlowMobileMatrix(options: {
  appUrl: string
  mock: MockHttpServer
  browser: Browser
  user: { email: string; password: string }
  runs?: number
  /** Add the floors' rows (`FLOOR_PAGE` and `KEYED_FLOOR_PAGE`, written into the served build by `writeFloorPage`). */
  floor?: boolean
}): Promise<SlowMobileCell[]> {
  const { appUrl, mock, browser, user } = options
  const runsWanted = options.runs ?? RUNS
  const cells: SlowMobileCell[] = []
  await mock.control.configure({ latencyMs: 0 })
  const rows: (readonly [SlowMobileVisitor, SlowMobilePath])[] = [
    ['first visit', '/login'],
    ['first visit', '/profile'],
    ['returning', '/login'],
    ['returning', '/profile'],
    ['returning, same tab', '/profile'],
    ['returning, cached', '/profile'],
    ...(options.floor
      ? ([FLOOR_PAGE, KEYED_FLOOR_PAGE] as const).flatMap((floor) => (['returning', 'returning, same tab', 'returning, cached'] as const).map((visitor) => [visitor, floor] as const))
      : []),
  ]
  for (const [visitor, path] of rows) {
    let shared: BrowserContext | null = null
    if (visitor !== 'first visit') {
      shared = await browser.newContext()
      await logIn(shared, appUrl, user)
      await shared.addInitScript({ content: watcher(user.email) })
    }
    // Same tab: one page, emulated once, navigated again and again (its renderer kept, as a reload keeps it).
    const tabPage = visitor === 'returning, same tab' && shared ? await shared.newPage() : undefined
    const tab = tabPage ? { page: tabPage, cdp: await emulate(tabPage, { cache: false }) } : undefined
    const runs: SlowMobileLoad[] = []
    for (let i = 0; i < runsWanted + 1; i++) {
      let context = shared
      if (!context) {
        context = await browser.newContext()
        await context.addInitScript({ content: watcher(user.email) })
      }
      const run = await measureOnce(context, appUrl, mock, path, visitor, tab)
      if (!shared) await context.close()
      if (i > 0) runs.push(run) // the first is a warm-up (the server's caches, Chromium's JIT)
    }
    await shared?.close()
    cells.push(summarizeLoads(path, visitor, runs))
  }
  return cells
}
