// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react'
import { http } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useMockServer } from '../../mocks/testing'
import { SESSION_HINT_KEY } from 'silent-refresh'
import { startEarlyRestore } from '../../src/lib/auth/early-restore'
import { deferred } from '../support/auth-client'
import { renderApp, signInOutsideTheApp } from '../support/render-app'
import { DEMO_USER } from '../../mocks'
import { WHOLE_APP_TIMEOUT_MS } from '../support/timeouts'

// Renders the whole app: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: WHOLE_APP_TIMEOUT_MS })

describe('a reload: the session restored in one round trip', () => {
  const { mockControl, server } = useMockServer({ dpop: 'optional' })
  afterEach(() => {
    cleanup()
    localStorage.clear()
  })

  it('a first visit (no session hint) asks nothing: no refresh call, the login page at once', async () => {
    localStorage.removeItem(SESSION_HINT_KEY)
    renderApp({ route: '/profile' })

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument()
    expect((await mockControl.stats()).refreshCalls).toBe(0)
  })

  it('the restore started before React is the one the app uses: one refresh per reload', async () => {
    await signInOutsideTheApp()
    expect(localStorage.getItem(SESSION_HINT_KEY)).toBe('1')
    const early = startEarlyRestore()

    renderApp({ route: '/profile', early })

    expect(await screen.findByText(DEMO_USER.email)).toBeInTheDocument()
    await waitFor(() => expect(document.querySelector('time')).not.toBeNull()) // GET /api/me answered
    expect((await mockControl.stats()).refreshCalls).toBe(1)
  })

  it('the restore done before React renders the page at once: no splash, no login form', async () => {
    await signInOutsideTheApp()
    const early = startEarlyRestore()
    await early.restored

    renderApp({ route: '/profile', early })

    // The first render already knows the session: never the splash, never the login form.
    expect(screen.queryByText('Restoring your session…')).not.toBeInTheDocument()
    expect(screen.queryByRole('heading', { name: 'Log in' })).not.toBeInTheDocument()
    expect(await screen.findByText(DEMO_USER.email)).toBeInTheDocument()
    expect((await mockControl.stats()).refreshCalls).toBe(1)
  })

  it('the profile shows the name and email from the token before GET /api/me answers, then its date, without a flash', async () => {
    await signInOutsideTheApp()
    const me = deferred()
    // Holds /api/me back, then lets the mock answer it (a resolver that returns nothing falls through).
    server.use(http.get('*/api/me', async () => void (await me.promise)))

    renderApp({ route: '/profile' })

    expect(await screen.findByText(DEMO_USER.email)).toBeInTheDocument()
    const details = document.querySelector('dl')!
    expect(details).toHaveTextContent(DEMO_USER.name)
    expect(details.querySelector('time')).toBeNull()
    const stats = await mockControl.stats()
    expect(stats.refreshCalls).toBe(1)

    me.resolve()
    const date = await waitFor(() => {
      const time = document.querySelector('time')
      expect(time).not.toBeNull()
      return time!
    })
    expect(date.getAttribute('dateTime')).toMatch(/^\d{4}-/)
    // The same rows before and after: the email was never replaced by a loading message.
    expect(screen.getAllByText(DEMO_USER.email)).toHaveLength(1)
    expect(screen.queryByText('Loading your profile…')).not.toBeInTheDocument()
  })
})
