import { Route, Routes, useLocation } from 'react-router-dom'
import { LoginPage, SignupPage } from '../features/auth'
import { BoardPage } from '../features/board'
import { ProfilePage } from '../features/profile'
import { GuestOnly, HomeRedirect, RequireSession } from './guards'
import { Layout } from './layout'
import { NotFound } from './not-found'
import { RouteErrorBoundary } from './route-error-boundary'

/** Every screen. Rendered inside a router (BrowserRouter in the app, MemoryRouter in tests). */
export function AppRoutes() {
  const location = useLocation()
  // The layout has its own boundary around each page; this one catches a failure of the layout itself.
  return (
    <RouteErrorBoundary resetKey={location.pathname + location.search}>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<HomeRedirect />} />
          <Route element={<GuestOnly />}>
            <Route path="login" element={<LoginPage />} />
            <Route path="signup" element={<SignupPage />} />
          </Route>
          <Route element={<RequireSession />}>
            <Route path="profile" element={<ProfilePage />} />
            <Route path="board" element={<BoardPage />} />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </RouteErrorBoundary>
  )
}
