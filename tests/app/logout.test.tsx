// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER } from '../../mocks'
import { useMockServer } from '../../mocks/testing'
import { renderApp, signInOutsideTheApp } from '../support/render-app'
import { WHOLE_APP_TIMEOUT_MS } from '../support/timeouts'

// Renders the whole app: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: WHOLE_APP_TIMEOUT_MS })

describe('logging out', () => {
  const { mockControl, server } = useMockServer({ dpop: 'optional' })
  afterEach(cleanup)

  it('tells the server, clears the session and goes to the login page', async () => {
    await signInOutsideTheApp()
    const { user, path } = renderApp({ route: '/board' })
    await screen.findByText('Welcome to the board')
    await user.click(screen.getByRole('button', { name: 'Log out' }))
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument()
    expect(path()).toBe('/login')
    expect(screen.queryByText('Your session has ended — please log in again')).not.toBeInTheDocument()
    expect(screen.getByRole('banner')).not.toHaveTextContent(DEMO_USER.name)
    const stats = await mockControl.stats()
    expect(stats.requestsByEndpoint.logout).toBe(1)
    expect(stats.familiesRevoked).toBe(1)

    // The next start-up finds no session.
    cleanup()
    const next = renderApp({ route: '/profile' })
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument()
    expect(next.path()).toBe('/login?returnTo=%2Fprofile')
  })

  it('logs out locally even when the server cannot be told', async () => {
    await signInOutsideTheApp()
    const { user, path } = renderApp({ route: '/profile' })
    await screen.findByText(DEMO_USER.email)
    // failNext has no logout endpoint: this one test says its failure itself.
    server.use(http.post('*/api/auth/logout', () => HttpResponse.error(), { once: true }))
    await user.click(screen.getByRole('button', { name: 'Log out' }))
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument()
    expect(path()).toBe('/login')
  })
})
