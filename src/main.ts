/**
 * The page's first module, a few kilobytes on purpose (no axios, React, router, features or the auth client): it sends
 * the start-up refresh at once (`silent-refresh/boot`: the tabs' lock, the stored DPoP key, `fetch`) while the app's
 * code, already preloaded from the HTML, arrives; then hands the refresh's pending answer to the app, whose auth
 * client adopts it (one refresh per page load). CSS is this module's, so the HTML links it at once.
 * In mock mode (`npm run dev`) the MSW worker is started first: nothing may reach the network before it answers.
 */
import './styles.css'
import { SESSION_HINT_KEY, startRefreshEarly } from 'silent-refresh/boot'
import { readyFirstPaint } from './app/login-shell'
import { preloadRouteChunk } from './app/route-chunks'

async function startMockWorker(): Promise<void> {
  if (import.meta.env.DEV && import.meta.env.VITE_MOCK_WORKER === 'on') {
    const { startBrowserMock } = await import('../mocks/browser')
    await startBrowserMock()
  }
}

function mayHaveSession(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT_KEY) === '1'
  } catch {
    return true
  }
}

// When the first module began to run (the slow-mobile bench reads it).
performance.mark('boot:start')
const worker = startMockWorker()
// The app's chunks are asked for once the refresh has left: asked for first, they took the link's connections (HTTP/1.1
// gives six) and the refresh waited behind them (issue 24's bench: ~300 ms). Never held longer than APP_CODE_WAIT_MS
// (another tab's refresh may hold the lock).
const APP_CODE_WAIT_MS = 400
let refreshSent!: () => void
const sent = new Promise<void>((resolve) => (refreshSent = resolve))
const startedRefresh = startRefreshEarly({ baseURL: '/api', after: worker, onSent: refreshSent })
const appCodeMayLoad = Promise.race([sent, new Promise<void>((resolve) => setTimeout(resolve, APP_CODE_WAIT_MS))])
// The HTML loads this module `async` (it runs as soon as it arrives): the page may still be parsing then.
const parsed = new Promise<void>((resolve) => {
  if (document.readyState !== 'loading') resolve()
  else document.addEventListener('DOMContentLoaded', () => resolve(), { once: true })
})
// A visitor without a session on a signed-in page sees the login form at once, not the splash until the app's code has
// run (and on /login the links get the page's query): what React's first render then hydrates.
const shellShown = parsed.then(() => readyFirstPaint(document, mayHaveSession()))
// The form shown from the template is painted before the app's code is asked for, so its paint is not behind the
// chunks' download and compile (Lighthouse's simulation charged the largest paint with them). At most
// SHELL_PAINT_WAIT_MS: a tab in the background paints no frame. The second frame's start comes after the first frame
// (the one with the form) has been presented.
const SHELL_PAINT_WAIT_MS = 200
const afterNextPaint = () =>
  new Promise<void>((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => resolve()))
    setTimeout(resolve, SHELL_PAINT_WAIT_MS)
  })
const app = Promise.all([appCodeMayLoad, shellShown.then((shown) => (shown ? afterNextPaint() : undefined))]).then(() => {
  // The HTML preloads the chunk of the page it was made for; a page served the fallback HTML starts its own here.
  preloadRouteChunk(location.pathname, mayHaveSession())
  return import('./render-app')
})
// Rendered as soon as the app's code and the mock (in mock mode) are ready; the refresh may still be out.
void Promise.all([app, worker, parsed]).then(([{ renderApp }]) => renderApp({ startedRefresh }))
