import { setupWorker } from 'msw/browser'
import { createMockBackend } from './backend'
import { createBrowserRefreshCookieReader } from './browser-cookie-jar'

/**
 * Starts the service-worker mock for `npm run dev`: the database lives in localStorage (`__mock-db__`, hashes only)
 * so a reload keeps the session, and `window.__mock` exposes the controls.
 */
export async function startBrowserMock(): Promise<void> {
  const backend = createMockBackend({
    storage: window.localStorage,
    readRefreshCookie: createBrowserRefreshCookieReader(window.localStorage, window.location.hostname),
  })
  const worker = setupWorker(...backend.handlers)
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true })
  // The app types `window.__mock` itself (src/features/inspector); this stays valid whatever it declares.
  Object.assign(window, { __mock: backend.control })
}
