import { StrictMode, startTransition, useEffect } from 'react'
import { createRoot, hydrateRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router-dom'
import type { RestoreOptions, SessionStatus } from 'silent-refresh'
import { AppProviders, AppRoutes } from './app'
import { PRERENDERED_ATTRIBUTE, PRERENDERED_LOCALE, type PrerenderedShell } from './app/prerendered'
import { startEarlyRestore } from './lib/auth/early-restore'

/**
 * What the first render shows at `pathname` with this session status, when it is one of the shells the build
 * prerenders (src/prerender.tsx): the login form for an anonymous visitor on /login (with any query: the first module
 * has written it into the links that keep it, src/app/login-shell.ts), the splash on a page that waits for the
 * restore. Anything else (the signup form, a 404, a redirect) is not in the HTML.
 */
export function firstRenderShell(pathname: string, status: SessionStatus): PrerenderedShell | null {
  const path = pathname.replace(/(.)\/+$/, '$1')
  if (path === '/login' && status === 'anonymous') return 'login'
  const settling = status === 'unknown' || status === 'restoring'
  return settling && ['/', '/login', '/signup', '/profile', '/board'].includes(path) ? 'splash' : null
}

/** Renders nothing; tells `then` once React has committed the page (after hydration: every effect runs after it). */
function Committed({ then }: { then: () => void }) {
  useEffect(then, [then])
  return null
}

/**
 * Makes the app's auth client (its restore adopting the refresh the page's first module sent) and renders the app.
 * When the HTML holds the very shell the first render makes (prerendered at build time), React hydrates it: what is
 * on screen stays, no flash, no shift. Otherwise it renders afresh over it.
 */
export function renderApp({ startedRefresh }: { startedRefresh?: RestoreOptions['startedRefresh'] } = {}): void {
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root element')
  // While React hydrates (in slices, a transition), a session change must wait: the refresh's answer arriving then
  // updated the page's Suspense boundary before it had hydrated, and React threw its server HTML away (error #421,
  // reported as a page error). Its answer (or failure) is adopted once the hydrated page has committed.
  let hydrated!: () => void
  const hydration = new Promise<void>((resolve) => (hydrated = resolve))
  const willHydrate = root.getAttribute(PRERENDERED_ATTRIBUTE) !== null
  const early = startEarlyRestore({ startedRefresh: willHydrate && startedRefresh ? startedRefresh.finally(() => hydration) : startedRefresh })
  // When the app's code had loaded and React took over (the reload bench and e2e read it).
  performance.mark('app:render')
  const prerendered = root.getAttribute(PRERENDERED_ATTRIBUTE)
  const hydrate = prerendered !== null && prerendered === firstRenderShell(location.pathname, early.client.getSnapshot().status)
  const app = (
    <StrictMode>
      <Committed then={hydrated} />
      <AppProviders early={early} hydratingLocale={hydrate ? PRERENDERED_LOCALE : undefined}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AppProviders>
    </StrictMode>
  )
  // In a transition, React renders in slices of a few ms and yields between them (a plain hydrate or render is one
  // task): on a slow phone the first render no longer blocks input for hundreds of ms (Lighthouse's blocking time).
  if (hydrate) {
    startTransition(() => void hydrateRoot(root, app))
    return
  }
  hydrated()
  root.removeAttribute(PRERENDERED_ATTRIBUTE)
  const reactRoot = createRoot(root)
  startTransition(() => reactRoot.render(app))
}
