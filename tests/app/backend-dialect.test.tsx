// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestBackend } from 'silent-refresh/testing'
import expressTypical from '../../examples/express-typical/profile'
import { logInWithForm, renderApp } from '../support/render-app'
import { WHOLE_APP_TIMEOUT_MS } from '../support/timeouts'

// Renders the whole app: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: WHOLE_APP_TIMEOUT_MS })

// The app's profile file switched to the typical Express backend, as a team would edit src/backend-profile.ts.
vi.mock('../../src/backend-profile', async () => ({ default: (await import('../../examples/express-typical/profile')).default }))

/** The kit's mock in the same dialect: /auth/*, snake_case answers, cookie jid, a plain 401, 403 on a refused refresh. */
const backend = createTestBackend({ profile: expressTypical })
const server = setupServer(
  ...backend.handlers,
  // The app's own API, behind the mock's token check (the kit serves only the auth endpoints and /api/me).
  http.get('*/api/auth/sessions', backend.protect(() => HttpResponse.json({ sessions: [] }))),
  http.get('*/api/posts/stream', () => new HttpResponse(null, { status: 204 })),
  http.get('*/api/posts', backend.protect(() => HttpResponse.json([]))),
)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => backend.reset())
afterEach(() => {
  cleanup()
  server.resetHandlers()
})
afterAll(() => server.close())

describe('the app with the typical profile, against the mock in that dialect', () => {
  it('signs in at /auth/login; an expired token costs one refresh at /auth/refresh; a refused one lands on the login page', async () => {
    const { user, path } = renderApp({ route: '/login?returnTo=%2Fprofile' })
    await logInWithForm(user, { email: backend.user.email, password: backend.user.password })
    expect(await screen.findByText(backend.user.email)).toBeInTheDocument()
    await vi.waitFor(() => expect(path()).toBe('/profile'))
    expect((await backend.stats()).requestsByEndpoint).toMatchObject({ login: 1, refresh: 0 })

    // The server's clock moves past the token's life: the next API call meets the plain 401 and refreshes once.
    await backend.expireAccessToken()
    await user.click(screen.getByRole('link', { name: 'Board' }))
    // GET /api/posts: 401 {"message":"jwt expired"}, one refresh, the replay answered.
    // The board's empty list shows only once the replay is answered, so the refresh's answer has been adopted before
    // the session is ended below. (Counting protected requests is not enough: StrictMode's two GET /api/posts and the
    // profile's sessions list already make three while the refresh is still in flight; ending the session then made
    // that refresh the refused one, and the click below met a session already over.)
    expect(await screen.findByText('No posts yet. Write the first one.')).toBeInTheDocument()
    expect((await backend.stats()).refreshCalls).toBe(1)
    expect(path()).toBe('/board')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()

    // The login ends on the server: the next refresh is refused (403) and the app says the session ended.
    await backend.endSession()
    await backend.expireAccessToken()
    await user.click(screen.getByRole('link', { name: 'Profile' }))
    expect(await screen.findByText('Your session has ended — please log in again')).toBeInTheDocument()
    await vi.waitFor(() => expect(path()).toMatch(/^\/login/))
    expect((await backend.stats()).refreshCalls).toBe(2)
  })
})
