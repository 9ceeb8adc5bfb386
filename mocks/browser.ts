import { setupWorker } from 'msw/browser'
import profile from '../src/backend-profile'
import { createMockBackend } from './backend'
import { createBrowserRefreshCookieReader } from './browser-cookie-jar'

/**
 * Starts the service-worker mock for `npm run dev`: the database lives in localStorage (`__mock-db__`, hashes only)
 * so a reload keeps the session, and `window.__mock` exposes the controls. It speaks the app's backend profile
 * (src/backend-profile.ts, the file the app's client is given): switch that file and the mock answers in its dialect.
 */
export async function startBrowserMock(): Promise<void> {
  const backend = createMockBackend({
    storage: window.localStorage,
    readRefreshCookie: createBrowserRefreshCookieReader(window.localStorage, window.location.hostname),
    profile,
  })
  const worker = setupWorker(...backend.handlers)
  await registrationSettled()
  keepWorkerRegisteredOnUnload()
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

/**
 * On `beforeunload` MSW tells its worker the page closed (`CLIENT_CLOSED`), and the worker unregisters itself when it
 * then sees no other page. A reload is such an unload: the worker unregisters while the reloaded page starts MSW,
 * which finds the registration (`getRegistrations()`) and calls `update()` on it un-awaited. When the unregistration
 * lands between the two, Chromium rejects that update with "Failed to update a ServiceWorker … : Not found", an
 * uncaught error (reported in about 1 of 10 dev starts). Under load the registration was deleted and re-created on
 * every reload; `scripts/dev-start-walkthrough.ts --repeat 20` counts such deletions as errors. Added before MSW's own listener (MSW adds its
 * listener inside `start()`), this one keeps it from running: the page never asks the worker to unregister.
 * The worker then stays registered on the dev origin after the last tab closes, as any service worker does; it
 * mocks only pages that started MSW and passes every other page's requests through.
 */
function keepWorkerRegisteredOnUnload(): void {
  window.addEventListener('beforeunload', (event) => event.stopImmediatePropagation())
}
