import { Suspense } from 'react'
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom'
import { PageFocusContext } from '../lib/page-focus'
import { useSession } from '../state'
import { InspectorSlot } from './inspector-slot'
import { LogoutButton } from './logout-button'
import { RouteErrorBoundary } from './route-error-boundary'
import { useRouteAnnouncer } from './use-route-announcer'

export function Layout() {
  const { status, user } = useSession()
  const signedIn = status === 'authenticated'
  const location = useLocation()
  const { pageFocus, announcement } = useRouteAnnouncer()
  return (
    <PageFocusContext.Provider value={pageFocus}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          Silent refresh
        </Link>
        {signedIn && (
          <nav aria-label="Main">
            <ul>
              <li>
                <NavLink to="/profile">Profile</NavLink>
              </li>
              <li>
                <NavLink to="/board">Board</NavLink>
              </li>
            </ul>
          </nav>
        )}
        {signedIn && (
          <div className="account">
            {user && <span className="account-name">{user.name}</span>}
            <LogoutButton />
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <RouteErrorBoundary resetKey={location.pathname + location.search}>
          <Suspense fallback={<p className="splash">Loading…</p>}>
            <Outlet />
          </Suspense>
        </RouteErrorBoundary>
      </main>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      <InspectorSlot />
    </PageFocusContext.Provider>
  )
}
