import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { StrictMode } from 'react'
import { MemoryRouter, useLocation } from 'react-router-dom'
import { AppProviders, AppRoutes } from '../../src/app'
import { createAuthClient } from 'silent-refresh'
import type { AuthProviderProps } from '../../src/lib/auth'
import { DEMO_USER } from '../../packages/silent-refresh/src/testing/server/core/seed'

export interface RenderAppOptions {
  /** Where the app starts, e.g. `/board` or `/login?returnTo=%2Fboard`. */
  route?: string
  clientOptions?: AuthProviderProps['clientOptions']
  /** An auth client made before rendering, its restore already running, as src/main.ts makes it. */
  early?: AuthProviderProps['early']
}

/**
 * The real app (StrictMode, Recoil, a fresh auth client, every route) in a memory router,
 * against the MSW mock. `path()` is where the router is now, with its search.
 */
export function renderApp({ route = '/', clientOptions, early }: RenderAppOptions = {}) {
  let current = ''
  function LocationProbe() {
    const location = useLocation()
    current = location.pathname + location.search
    return null
  }
  const user = userEvent.setup()
  const view = render(
    <StrictMode>
      <AppProviders clientOptions={clientOptions} early={early}>
        <MemoryRouter initialEntries={[route]}>
          <AppRoutes />
          <LocationProbe />
        </MemoryRouter>
      </AppProviders>
    </StrictMode>,
  )
  return { ...view, user, path: () => current }
}

/** Signs in through a client of its own, so the next app mounted finds a refresh cookie to restore from. */
export async function signInOutsideTheApp(): Promise<void> {
  const client = createAuthClient({ baseURL: '/api' })
  await client.login({ email: DEMO_USER.email, password: DEMO_USER.password })
  client.dispose()
}

/** Fills the login form and submits it, as a person would. */
export async function logInWithForm(
  user: ReturnType<typeof userEvent.setup>,
  { email = DEMO_USER.email, password = DEMO_USER.password }: { email?: string; password?: string } = {},
): Promise<void> {
  await user.type(await screen.findByLabelText('Email'), email)
  await user.type(screen.getByLabelText('Password'), password)
  await user.click(screen.getByRole('button', { name: 'Log in' }))
}
