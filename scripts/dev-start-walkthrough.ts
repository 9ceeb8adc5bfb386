/**
 * A black-box walk-through of the README's first command, `npm run dev`, as a newcomer meets it: a fresh dev
 * server (its dependency cache forced anew), a fresh Chromium profile, `/` → the login page. Then a reload and a
 * second tab in the same profile (the MSW worker is then already registered: MSW updates it, the path where the
 * "Failed to update a ServiceWorker … Not found" error came from). Repeated `RUNS` times while `BUSY` CPU burners
 * keep the machine loaded. Asserts no console error, no uncaught exception and no deletion of the worker's
 * registration (the worker unregistering itself on a reload, the cause of that error: mocks/browser.ts); prints the times.
 *
 * `node --import tsx scripts/dev-start-walkthrough.ts` (PORT, RUNS, BUSY in the environment);
 * `… --repeat 20` runs it 20 times (the same as RUNS=20) and fails if any run saw an error.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { Worker } from 'node:worker_threads'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

const PORT = Number(process.env.PORT ?? 5873)
const repeatAt = process.argv.indexOf('--repeat')
const RUNS = Number(repeatAt === -1 ? (process.env.RUNS ?? 5) : process.argv[repeatAt + 1])
const BUSY = Number(process.env.BUSY ?? 2)
const URL = `http://localhost:${PORT}`
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// No background traffic of Chromium's own (component updates, sync, field trials) to blur what the page does.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--repeat takes a whole number, not ${process.argv[repeatAt + 1]}`)

function startServer(): Promise<{ child: ChildProcess; readyMs: number }> {
  const started = performance.now()
  const child = spawn('npx', ['vite', '--port', String(PORT), '--strictPort', '--force'], {
    env: { ...process.env, MOCK_SERVER: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      if (chunk.toString().includes(`localhost:${PORT}`)) resolve({ child, readyMs: performance.now() - started })
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk))
    child.on('exit', (code) => reject(new Error(`vite exited with ${code}`)))
  })
}

function stopServer(child: ChildProcess): void {
  if (child.pid) process.kill(-child.pid, 'SIGTERM')
}

/** Console errors and uncaught exceptions of a page. */
function watchErrors(page: Page, into: string[], label: string): void {
  page.on('console', (message) => {
    if (message.type() === 'error') into.push(`${label}: console: ${message.text()}`)
  })
  page.on('pageerror', (error) => into.push(`${label}: uncaught: ${error.message}`))
}

/**
 * Deletions of the origin's service worker registration, through the DevTools protocol: MSW's worker unregistering
 * itself on a reload is what let its update fail with "Not found" (mocks/browser.ts); it must never happen.
 */
async function watchRegistrations(context: BrowserContext, page: Page, into: string[]): Promise<void> {
  const cdp = await context.newCDPSession(page)
  cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
    for (const registration of registrations) {
      if (registration.isDeleted) into.push(`service worker registration ${registration.registrationId} deleted (the worker unregistered itself)`)
    }
  })
  await cdp.send('ServiceWorker.enable')
}

async function toLogin(page: Page): Promise<number> {
  const started = performance.now()
  await page.goto(`${URL}/`)
  await page.waitForURL(/\/login$/, { timeout: 30_000 })
  await page.getByRole('heading', { name: 'Log in' }).waitFor({ timeout: 30_000 })
  return Math.round(performance.now() - started)
}

const burners = Array.from({ length: BUSY }, () => new Worker('for (;;) {}', { eval: true }))
const rows: { run: number; serverMs: number; firstMs: number; reloadMs: number; secondTabMs: number; errors: string[] }[] = []
try {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  for (let run = 1; run <= RUNS; run++) {
    const { child, readyMs } = await startServer()
    const errors: string[] = []
    try {
      const context = await browser.newContext()
      const page = await context.newPage()
      watchErrors(page, errors, 'first page')
      await watchRegistrations(context, page, errors)
      const firstMs = await toLogin(page)
      const reloadStarted = performance.now()
      await page.reload()
      await page.getByRole('heading', { name: 'Log in' }).waitFor({ timeout: 30_000 })
      const reloadMs = Math.round(performance.now() - reloadStarted)
      const second = await context.newPage()
      watchErrors(second, errors, 'second tab')
      const secondTabMs = await toLogin(second)
      // Late errors (an update() that fails after the page rendered) get a moment to show.
      await page.waitForTimeout(1000)
      await context.close()
      rows.push({ run, serverMs: Math.round(readyMs), firstMs, reloadMs, secondTabMs, errors })
      console.log(`run ${run}: server ready ${Math.round(readyMs)} ms, / → /login ${firstMs} ms, reload ${reloadMs} ms, second tab ${secondTabMs} ms, errors: ${errors.length ? errors.join(' | ') : 'none'}`)
    } catch (error) {
      errors.push(`run failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
      rows.push({ run, serverMs: Math.round(readyMs), firstMs: Number.NaN, reloadMs: Number.NaN, secondTabMs: Number.NaN, errors })
      console.log(`run ${run}: ${errors.join(' | ')}`)
    } finally {
      stopServer(child)
      await new Promise((resolve) => child.once('exit', resolve))
    }
  }
  await browser.close()
} finally {
  await Promise.all(burners.map((worker) => worker.terminate()))
}
const failed = rows.filter((row) => row.errors.length > 0)
const worst = Math.max(...rows.map((row) => row.firstMs))
console.log(`${rows.length} runs with ${BUSY} CPU burners: ${failed.length} with console errors; / → /login worst ${worst} ms`)
if (failed.length > 0) process.exitCode = 1
