import { Suspense, useEffect } from 'react'
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom'
import { PageFocusContext } from '../lib/page-focus'
import { useSession } from '../state'
import { OutboxNotice, OutboxProvider } from '../features/board/background'
import { SessionWarning } from '../features/session-warning'
import { InspectorSlot } from './inspector-slot'
import { LanguageSwitch } from './language-switch'
import { prefetchSignedInPages } from './lazy-pages'
import { LogoutButton } from './logout-button'
import { OfflineIndicator } from './offline-indicator'
import { RouteErrorBoundary } from './route-error-boundary'
import { useRouteAnnouncer } from './use-route-announcer'
import { useI18n } from '../i18n'

export function Layout() {
  const { status, user } = useSession()
  const { t } = useI18n()
  const signedIn = status === 'authenticated'
  const location = useLocation()
  const { pageFocus, announcement } = useRouteAnnouncer()
  useEffect(() => {
    if (signedIn) prefetchSignedInPages()
  }, [signedIn])
  return (
    <OutboxProvider>
      <PageFocusContext.Provider value={pageFocus}>
        <a className="skip-link" href="#main">
          {t.layout.skipToContent}
        </a>
        <header className="site-header">
          <Link to="/" className="brand">
            {t.appName}
          </Link>
          {signedIn && (
            <nav aria-label={t.layout.mainNavigation}>
              <ul>
                <li>
                  <NavLink to="/profile">{t.layout.profile}</NavLink>
                </li>
                <li>
                  <NavLink to="/board">{t.layout.board}</NavLink>
                </li>
              </ul>
            </nav>
          )}
          <LanguageSwitch />
          {signedIn && (
            <div className="account">
              {user && <span className="account-name">{user.name}</span>}
              <LogoutButton />
            </div>
          )}
        </header>
        <OfflineIndicator />
        <OutboxNotice />
        <main id="main" tabIndex={-1}>
          <RouteErrorBoundary resetKey={location.pathname + location.search}>
            <Suspense fallback={<p className="splash">{t.layout.loadingPage}</p>}>
              <Outlet />
            </Suspense>
          </RouteErrorBoundary>
        </main>
        <div className="visually-hidden" aria-live="polite" aria-atomic="true">
          {announcement}
        </div>
        <SessionWarning />
        <InspectorSlot />
      </PageFocusContext.Provider>
    </OutboxProvider>
  )
}
