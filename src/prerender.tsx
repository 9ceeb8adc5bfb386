/**
 * Build-time only (never shipped): renders the shells that the HTML carries before any script runs, with the very
 * components the app hydrates them with. vite.config.ts's `prerenderShells` builds this file for Node after the app
 * and writes the result into `login.html` (the login form) and `index.html` (the splash).
 */
import { Writable } from 'node:stream'
import { StrictMode } from 'react'
import { renderToPipeableStream } from 'react-dom/server'
import { StaticRouter } from 'react-router'
import { AppProviders, AppRoutes } from './app'
import type { PrerenderedShell } from './app/prerendered'
import { createAppAuthClient } from './lib/auth/create-app-auth-client'
import type { EarlyRestore } from './lib/auth/early-restore'

/** Where each shell is rendered, and the session the browser's first render will have there. */
const SHELLS: Record<PrerenderedShell, { path: string; hasHint: boolean }> = {
  // A first visit: no session hint, so the restore finds no session at once and the form shows.
  login: { path: '/login', hasHint: false },
  // A returning visitor: the restore is out, the page waits for it.
  splash: { path: '/profile', hasHint: true },
}

/** The app's client as the browser makes it, minus the network: the restore's outcome is settled by the hint alone. */
function earlyFor(hasHint: boolean): EarlyRestore {
  const items = new Map<string, string>(hasHint ? [['session-hint', '1']] : [])
  const app = createAppAuthClient({
    baseURL: '/api',
    coordinator: null,
    dpop: false,
    sessionHint: true,
    persistentStorage: { getItem: (key) => items.get(key) ?? null, setItem: () => undefined, removeItem: () => undefined },
  })
  // Without the hint the restore is anonymous at once; with it, the page shows the splash (the restore not started).
  const restored = hasHint ? new Promise<boolean>(() => undefined) : app.client.restore()
  return { ...app, restored }
}

function renderToHtml(element: React.ReactElement): Promise<string> {
  return new Promise((resolve, reject) => {
    let html = ''
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        html += chunk.toString()
        done()
      },
      final(done) {
        resolve(html)
        done()
      },
    })
    // Written once everything (the lazy route included) is ready: complete HTML, no streaming script.
    const stream = renderToPipeableStream(element, { onAllReady: () => stream.pipe(sink), onShellError: reject, onError: reject })
  })
}

export async function prerenderShell(shell: PrerenderedShell): Promise<string> {
  const { path, hasHint } = SHELLS[shell]
  const early = earlyFor(hasHint)
  const html = await renderToHtml(
    <StrictMode>
      <AppProviders early={early} hydratingLocale="en">
        <StaticRouter location={path}>
          <AppRoutes />
        </StaticRouter>
      </AppProviders>
    </StrictMode>,
  )
  early.client.dispose()
  if (html.includes('<script')) throw new Error(`The prerendered ${shell} shell holds a script: the CSP allows none inline`)
  return html
}
