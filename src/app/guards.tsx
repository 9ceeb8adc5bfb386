import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router-dom'
import { loginPath, safeReturnTo } from '../lib/auth'
import { useSessionStatus } from '../state'
import { Splash } from './splash'

const isSettling = (status: string) => status === 'unknown' || status === 'restoring'

/** Pages for a signed-in person. Anyone else goes to the login page, asked to come back here. */
export function RequireSession() {
  const status = useSessionStatus()
  const location = useLocation()
  if (isSettling(status)) return <Splash />
  if (status !== 'authenticated') return <Navigate to={loginPath(location.pathname + location.search)} replace />
  return <Outlet />
}

/** Login and signup. A signed-in person goes on to `returnTo` when it is safe, else to the profile. */
export function GuestOnly() {
  const status = useSessionStatus()
  const [params] = useSearchParams()
  if (isSettling(status)) return <Splash />
  if (status === 'authenticated') return <Navigate to={safeReturnTo(params.get('returnTo'))} replace />
  return <Outlet />
}

/** `/`: the profile for a signed-in person, the login page for anyone else. */
export function HomeRedirect() {
  const status = useSessionStatus()
  if (isSettling(status)) return <Splash />
  return <Navigate to={status === 'authenticated' ? '/profile' : '/login'} replace />
}
