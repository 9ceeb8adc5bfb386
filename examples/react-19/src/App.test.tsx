// src/App.test.tsx: Vitest with `environment: 'jsdom'` and the jest-dom setup file (above)
import { act, cleanup, render, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { createAuthClient, type AuthClientOptions } from 'silent-refresh'
import { AuthProvider } from 'silent-refresh/react'
import { createFakeTabs, createTestBackend, movableClock } from 'silent-refresh/testing'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { App } from './App'

const backend = createTestBackend()
const server = setupServer(
  ...backend.handlers, // first: the kit's offline switch sees every request
  // The app's own endpoint, behind the same access-token check the real server makes.
  http.get('*/api/orders', backend.protect(() => HttpResponse.json([{ id: 1, item: 'Blue teapot' }]))),
)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => backend.reset()) // a fresh server, and no session hint left in localStorage by the last test
afterEach(() => {
  cleanup()
  server.resetHandlers()
})
afterAll(() => server.close())

/** The app as main.tsx starts it, in a container of its own (a tab); `options`: a clock, the fake tabs' coordinator. */
function startApp(options: Partial<AuthClientOptions> = {}) {
  const client = createAuthClient({ baseURL: '/api', ...options })
  const container = document.body.appendChild(document.createElement('div'))
  render(<AuthProvider client={client}><App /></AuthProvider>, { container })
  return { client, user: userEvent.setup(), screen: within(container) }
}

async function signIn(app: ReturnType<typeof startApp>) {
  await app.user.type(await app.screen.findByLabelText('Email'), backend.user.email)
  await app.user.type(app.screen.getByLabelText('Password'), backend.user.password)
  await app.user.click(app.screen.getByRole('button', { name: 'Sign in' }))
  await app.screen.findByRole('heading', { name: `Signed in as ${backend.user.name}` })
}

it('an expired access token: one refresh, the request replayed, nothing visible', async () => {
  const app = startApp()
  await signIn(app)
  const before = await backend.stats()
  await backend.expireAccessToken()

  await app.user.click(app.screen.getByRole('button', { name: 'Load orders' }))

  expect(await app.screen.findByRole('listitem')).toHaveTextContent('Blue teapot')
  expect((await backend.stats()).refreshCalls).toBe(before.refreshCalls + 1)
  expect(app.screen.queryByRole('alert')).not.toBeInTheDocument()
})

it('a refused refresh: signed out with a clear message', async () => {
  const app = startApp()
  await signIn(app)
  await backend.endSession()

  await app.user.click(app.screen.getByRole('button', { name: 'Load profile' })) // GET /api/me, served by the kit

  expect(await app.screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
  expect(app.screen.getByRole('status')).toHaveTextContent('Your session has ended')
})

it('offline: OfflineError at once, nothing sent', async () => {
  const clock = movableClock()
  const app = startApp({ now: clock.now })
  await signIn(app)
  const before = await backend.stats()

  act(() => backend.network.goOffline())
  clock.advance(60 * 60 * 1000 + 1_000) // the token is past its expiry: the next request needs a refresh
  await app.user.click(app.screen.getByRole('button', { name: 'Load profile' }))

  expect(await app.screen.findByRole('alert')).toHaveTextContent('You are offline')
  expect((await backend.stats()).refreshCalls).toBe(before.refreshCalls)
})

it('another tab signs out: this one follows', async () => {
  const tabs = createFakeTabs()
  const first = startApp({ coordinator: tabs.coordinator() })
  const second = startApp({ coordinator: tabs.coordinator() })
  await signIn(first)
  // The second tab took the session over the tabs' channel: no sign-in of its own.
  expect(await second.screen.findByRole('heading', { name: `Signed in as ${backend.user.name}` })).toBeInTheDocument()

  await first.user.click(first.screen.getByRole('button', { name: 'Sign out' }))

  expect(await second.screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
})
