// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defaultProfile, type BackendProfile } from 'silent-refresh'
import { useMockServer } from '../../mocks/testing'
import { DEMO_USER } from '../../mocks'
import { renderApp, signInOutsideTheApp } from '../support/render-app'

const HOUR = 60 * 60 * 1000


/** The app's outcomes as the backend profile says them: refused refreshes, lost answers, answers not understood. */
describe('the app and what its backend profile says', () => {
  const { mockControl, server } = useMockServer({ dpop: 'optional' })
  afterEach(() => {
    cleanup()
    vi.restoreAllMocks()
  })

  it('a refresh refused with 403, which the profile calls a refusal, lands on the login page with the session-ended message', async () => {
    const refusesWith403: BackendProfile = { ...defaultProfile, isRefreshRefused: (response) => response.status === 401 || response.status === 403 }
    await signInOutsideTheApp()
    const { path, user } = renderApp({ route: '/profile', clientOptions: { backend: refusesWith403 } })
    expect(await screen.findByText(DEMO_USER.email)).toBeInTheDocument()
    server.use(http.post('*/api/auth/refresh', () => HttpResponse.json({ message: 'Invalid refresh token' }, { status: 403 })))
    // The server's clock passes the token's expiry: the board's list gets a 401 invalid_token, the refresh a 403.
    await mockControl.advanceClock(HOUR)
    await user.click(screen.getByRole('link', { name: 'Board' }))

    expect(await screen.findByRole('alert', {}, { timeout: 5000 })).toHaveTextContent('Your session has ended — please log in again')
    expect(path()).toMatch(/^\/login/)
  })

  it('a refresh answer lost where the server has no reuse interval: the login page says the session may have ended', async () => {
    await signInOutsideTheApp()
    await mockControl.failNext('refresh', 'lost-response')
    renderApp({ route: '/profile', clientOptions: { backend: { ...defaultProfile, reuseInterval: false } } })

    expect(await screen.findByRole('alert')).toHaveTextContent("Your session may have ended: the server's answer to a sign-in renewal was lost")
    expect((await mockControl.stats()).refreshCalls).toBe(1)
  })

  it('an HTML 404 on the refresh path says the answer was not understood, in the page and the console, with no Retry', async () => {
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => undefined)
    await signInOutsideTheApp()
    server.use(http.post('*/api/auth/refresh', () => new HttpResponse('<!DOCTYPE html><pre>Cannot POST</pre>', { status: 404, headers: { 'Content-Type': 'text/html' } })))
    renderApp({ route: '/profile' })

    expect(await screen.findByRole('alert')).toHaveTextContent("The server's answer was not understood")
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument()
    expect(console).toHaveBeenCalledWith(expect.stringContaining("The server's answer was not understood"), expect.anything())
  })
})
