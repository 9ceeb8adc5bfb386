import { act, cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { useOptimistic, version } from 'react'
import { version as domVersion } from 'react-dom'
import { createFakeTabs, createTestBackend, movableClock } from 'silent-refresh/testing'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createAppClient } from '../src/auth'
import { Root } from '../src/Root'

const HOUR = 60 * 60 * 1000

// The auth server, and the app's own endpoint behind the same access-token check a real server makes.
const backend = createTestBackend()
const server = setupServer(
  ...backend.handlers,
  http.get('*/api/orders', backend.protect(() => HttpResponse.json([{ id: 1, item: 'Blue teapot' }]))),
)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => backend.reset())
afterEach(() => {
  cleanup()
  server.resetHandlers()
})
afterAll(() => server.close())

/** The app as main.tsx starts it: a client and the root (App restores); `client` takes test-only options (a clock, tabs). */
function startApp(options: Parameters<typeof createAppClient>[0] = {}, container?: HTMLElement) {
  const client = createAppClient(options)
  const view = render(<Root client={client} />, container ? { container } : {})
  return { client, view, user: userEvent.setup(), screen: within(view.container) }
}

async function signIn(app: ReturnType<typeof startApp>) {
  await app.user.type(await app.screen.findByLabelText('Email'), backend.user.email)
  await app.user.type(app.screen.getByLabelText('Password'), backend.user.password)
  await app.user.click(app.screen.getByRole('button', { name: 'Sign in' }))
  await app.screen.findByRole('heading', { name: `Signed in as ${backend.user.name}` })
}

it('runs on React 19, one React in this test run (Testing Library renders with react-dom 19)', () => {
  function Probe() {
    const [value] = useOptimistic(version) // React 19 only; a second React would break the hook
    return <p>React {value}</p>
  }
  render(<Probe />)
  expect(screen.getByText(/^React /)).toHaveTextContent(`React ${version}`)
  expect(version).toMatch(/^19\./)
  expect(domVersion).toBe(version)
})

describe('the React 19 example, tested with silent-refresh/testing', () => {
  it('happy path: signs in and loads the profile', async () => {
    const app = startApp()
    await signIn(app)

    await app.user.click(app.screen.getByRole('button', { name: 'Load profile' }))

    expect(await app.screen.findByText(`Email: ${backend.user.email}`)).toBeInTheDocument()
    expect(app.screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('an access token expired on the server: one refresh, the request replayed, nothing visible', async () => {
    const app = startApp()
    await signIn(app)
    const statuses: string[] = []
    app.client.subscribe(() => statuses.push(app.client.getSnapshot().status))
    const before = await backend.stats()
    await backend.expireAccessToken()

    await app.user.click(app.screen.getByRole('button', { name: 'Load orders' }))

    expect(await app.screen.findByRole('listitem')).toHaveTextContent('Blue teapot')
    expect((await backend.stats()).refreshCalls).toBe(before.refreshCalls + 1)
    expect(statuses.every((status) => status === 'authenticated')).toBe(true)
    expect(app.screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(app.screen.getByRole('heading', { name: `Signed in as ${backend.user.name}` })).toBeInTheDocument()
  })

  it('a refused refresh: signed out, with a clear message', async () => {
    const app = startApp()
    await signIn(app)
    const before = await backend.stats()
    await backend.endSession()

    await app.user.click(app.screen.getByRole('button', { name: 'Load profile' }))

    expect(await app.screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
    expect(app.screen.getByRole('status')).toHaveTextContent('Your session has ended. Please sign in again.')
    const after = await backend.stats()
    expect(after.refreshCalls).toBe(before.refreshCalls + 1)
    expect(after.refreshFailures).toBe(before.refreshFailures + 1)
  })

  it('offline: the request that needs a refresh fails at once with the offline message; nothing is sent', async () => {
    const clock = movableClock()
    const app = startApp({ now: clock.now })
    await signIn(app)
    const before = await backend.stats()

    act(() => backend.network.goOffline())
    clock.advance(HOUR + 1_000) // the access token is past its expiry: a request first needs a refresh
    await app.user.click(app.screen.getByRole('button', { name: 'Load profile' }))

    expect(await app.screen.findByRole('alert')).toHaveTextContent('You are offline. Try again when the connection is back.')
    const after = await backend.stats()
    expect(after.refreshCalls).toBe(before.refreshCalls)
    expect(after.requestsByEndpoint.me).toBe(before.requestsByEndpoint.me)
    expect(after.requestsWhileOffline).toBe(0)
    expect(app.screen.getByRole('heading', { name: `Signed in as ${backend.user.name}` })).toBeInTheDocument()
  })

  it('a reload while the server is down: says so instead of loading for good, and "Try again" restores the session', async () => {
    const first = startApp()
    await signIn(first)
    cleanup() // the reload: a new client, the cookie and the session hint kept
    await backend.failNextRefresh('server-error')
    await backend.failNextRefresh('server-error') // and the client's one quick retry

    const app = startApp()

    expect(await app.screen.findByRole('alert')).toHaveTextContent('Could not reach the server.')
    expect(app.client.getSnapshot().status).toBe('restoring')
    await app.user.click(app.screen.getByRole('button', { name: 'Try again' }))
    expect(await app.screen.findByRole('heading', { name: `Signed in as ${backend.user.name}` })).toBeInTheDocument()
  })

  it('another tab signs out: this tab follows', async () => {
    const tabs = createFakeTabs()
    const first = startApp({ coordinator: tabs.coordinator() }, document.body.appendChild(document.createElement('div')))
    const second = startApp({ coordinator: tabs.coordinator() }, document.body.appendChild(document.createElement('div')))
    await signIn(first)
    // The other tab took the session over the channel: no sign-in of its own.
    expect(await second.screen.findByRole('heading', { name: `Signed in as ${backend.user.name}` })).toBeInTheDocument()

    await first.user.click(first.screen.getByRole('button', { name: 'Sign out' }))

    expect(await second.screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
    expect(second.screen.getByRole('status')).toHaveTextContent('You are signed out.')
    expect(await backend.stats()).toMatchObject({ logins: 1, requestsByEndpoint: { logout: 1 } })
  })
})
