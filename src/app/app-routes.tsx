import { Route, Routes, useLocation } from 'react-router-dom'
import { GuestOnly, HomeRedirect, RequireSession } from './guards'
import { BoardPage, LoginPage, ProfilePage, SignupPage } from './lazy-pages'
import { Layout } from './layout'
import { NotFound } from './not-found'
import { RouteErrorBoundary } from './route-error-boundary'

/** Every screen. Rendered inside a router (BrowserRouter in the app, MemoryRouter in tests). */
export function AppRoutes() {
  const location = useLocation()
  // The layout has its own boundary (and Suspense) around each page; this one catches a failure of the layout itself.
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
