import { Link, NavLink, Outlet } from 'react-router-dom'
import { useSession } from '../state'
import { InspectorSlot } from './inspector-slot'
import { LogoutButton } from './logout-button'

export function Layout() {
  const { status, user } = useSession()
  const signedIn = status === 'authenticated'
  return (
    <>
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
        <Outlet />
      </main>
      <InspectorSlot />
    </>
  )
}
