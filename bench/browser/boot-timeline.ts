import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BrowserContext } from 'playwright-core'
import { buildApp } from '../bundle/build-app'
import { DEMO, withServedBuild } from './serve-build'
import { SLOW_MOBILE } from './slow-mobile'

/**
 * One-off diagnosis for issue 24: for a returning visitor under the slow-mobile emulation, when each request of the
 * page started and ended (Chromium's network events) and the boot path's marks (`boot:*`), in ms from navigation start.
 * `node --import tsx bench/browser/boot-timeline.ts [runs] [path…]`
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const runs = Number(process.argv[2] ?? 2)
const paths = process.argv.slice(3).length ? process.argv.slice(3) : ['/login', '/profile']
const outDir = await mkdtemp(path.join(os.tmpdir(), 'silent-refresh-boot-timeline-'))

async function once(context: BrowserContext, url: string) {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: SLOW_MOBILE.latencyMs,
    downloadThroughput: (SLOW_MOBILE.downloadKbps * 1000) / 8,
    uploadThroughput: (SLOW_MOBILE.uploadKbps * 1000) / 8,
  })
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_MOBILE.cpuSlowdown })
  const requests = new Map<string, { url: string; priority: string; sent: number; response?: number; finished?: number; bytes?: number }>()
  cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, { url: e.request.url, priority: e.request.initialPriority, sent: e.timestamp }))
  cdp.on('Network.responseReceived', (e) => { const r = requests.get(e.requestId); if (r) r.response = e.timestamp })
  cdp.on('Network.loadingFinished', (e) => { const r = requests.get(e.requestId); if (r) { r.finished = e.timestamp; r.bytes = e.encodedDataLength } })
  // The events' own timestamps are the network's; under emulation the renderer gets the bytes later: note when each event came.
  const clock0 = Date.now()
  const seenAt = new Map<string, number>()
  cdp.on('Network.responseReceived', (e) => seenAt.set(e.requestId, Date.now() - clock0))
  await page.goto(url, { waitUntil: 'commit', timeout: 60_000 })
  await page.waitForFunction(() => performance.getEntriesByName('app:render').length > 0, undefined, { timeout: 60_000 })
  await page.waitForTimeout(300)
  const marks = (await page.evaluate(() => ({
    marks: performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]),
    refresh: performance.getEntriesByType('resource').filter((e) => e.name.includes('/auth/refresh')).map((e) => Math.round(e.startTime)),
    fcp: performance.getEntriesByName('first-contentful-paint').map((e) => Math.round(e.startTime)),
    nav: ((n) => ({ responseStart: Math.round(n.responseStart), responseEnd: Math.round(n.responseEnd), domInteractive: Math.round(n.domInteractive), dcl: Math.round(n.domContentLoadedEventStart) }))(performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming),
    resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => `${new URL(e.name).pathname.padEnd(44)} start ${Math.round(e.startTime)} reqStart ${Math.round(e.requestStart)} respStart ${Math.round(e.responseStart)} respEnd ${Math.round(e.responseEnd)}`),
  }))) as { marks: [string, number][]; refresh: number[]; fcp: number[]; nav: unknown; resources: string[] }
  const all = [...requests.values()]
  const doc = all.find((r) => r.url === url)
  const t0 = doc?.sent ?? 0
  const ms = (t?: number) => (t === undefined ? '-' : String(Math.round((t - t0) * 1000)))
  console.log(`--- ${url}`)
  for (const r of all) console.log(`  ${new URL(r.url).pathname.padEnd(44)} ${r.priority.padEnd(8)} sent ${ms(r.sent).padStart(5)} response event ${ms(r.response).padStart(5)} finished event ${ms(r.finished).padStart(5)} ${r.bytes ?? ''} B`)
  const docId = [...requests.entries()].find(([, r]) => r.url === url)?.[0]
  const base = docId ? seenAt.get(docId) ?? 0 : 0
  for (const [id, r] of requests) if (/index-|refresh/.test(r.url)) console.log(`  ${new URL(r.url).pathname} response event came ${(seenAt.get(id) ?? NaN) - base} ms after the document's`)
  console.log('  document:', JSON.stringify(marks.nav), 'fcp', marks.fcp)
  for (const line of marks.resources) console.log('  ' + line)
  console.log('  marks:', JSON.stringify(marks.marks))
  await page.close()
}

try {
  await buildApp(root, outDir)
  await withServedBuild(root, outDir, async ({ appUrl, browser }) => {
    const context = await (await browser()).newContext()
    const login = await context.newPage()
    await login.goto(`${appUrl}/login`)
    await login.getByLabel('Email').fill(DEMO.email)
    await login.getByLabel('Password').fill(DEMO.password)
    await login.getByRole('button', { name: /log in/i }).click()
    await login.waitForURL(/\/profile$/, { timeout: 30_000 })
    await login.close()
    for (const p of paths) for (let i = 0; i < runs; i++) await once(context, `${appUrl}${p}`)
  })
} finally {
  await rm(outDir, { recursive: true, force: true })
}
