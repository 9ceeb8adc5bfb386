/**
 * The page's first module: small on purpose (no React, router or features). It starts, together:
 * the session's restore (`POST /api/auth/refresh`, through the app's one auth client), the app's code,
 * the current route's chunk; then renders. CSS is this module's, so the HTML links it at once.
 * In mock mode (`npm run dev`) the MSW worker is started first: nothing may reach the network before it answers.
 */
import './styles.css'
import { preloadRouteChunk } from './app/route-chunks'
import { startEarlyRestore } from './lib/auth/early-restore'
import { SESSION_HINT_KEY } from 'silent-refresh'

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

const app = import('./render-app')
preloadRouteChunk(location.pathname, mayHaveSession())
const worker = startMockWorker()
const early = startEarlyRestore({ after: worker })
// Rendered as soon as the app's code and the mock (in mock mode) are ready; the restore may still be running.
void Promise.all([app, worker]).then(([{ renderApp }]) => renderApp(early))
