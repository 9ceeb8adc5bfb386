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
  await registrationSettled()
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true })
  // The app types `window.__mock` itself (src/features/inspector); this stays valid whatever it declares.
  Object.assign(window, { __mock: backend.control })
}

/**
 * MSW's `start()` calls `registration.update()` on a worker registered earlier without awaiting it (msw #2006): when
 * that registration is still being installed (a reload or a second tab while the first load registers it, or a
 * reload by Vite's dependency optimiser or by MSW itself), Chromium rejects the update ("Failed to update a
 * ServiceWorker … : Not found") and the rejection surfaces as an uncaught error. Waiting until an existing
 * registration has an active worker makes that update an ordinary one, answered by the dev server's plugin.
 */
async function registrationSettled(): Promise<void> {
  const registration = await navigator.serviceWorker.getRegistration()
  if (registration && !registration.active) await navigator.serviceWorker.ready
}
