// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { AxiosAdapter } from 'axios'
import { StrictMode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AuthError, createAuthClient, type AuthClient } from 'silent-refresh'
import { rawToken } from '../../../../tests/support/tokens'
import { AuthProvider, useAuthClient, useSession } from './index'
import { COMPONENT_TIMEOUT_MS } from '../../../../tests/support/timeouts'

// React in jsdom with user events: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: COMPONENT_TIMEOUT_MS })

const USER = { id: 'u1', email: 'ada@example.com', name: 'Ada', createdAt: '2024-01-01T00:00:00.000Z' }
const TOKEN = rawToken({ alg: 'HS256' }, { sub: 'u1', email: USER.email, name: USER.name, typ: 'access', iat: 1_000, exp: 4_600 })

/** Answers login with a token for Ada and logout with 204, in process. */
const answering: AxiosAdapter = async (config) => ({
  data: config.url === '/auth/login' ? { accessToken: TOKEN, user: USER } : '',
  status: 200,
  statusText: 'OK',
  headers: {},
  config,
  request: {},
})

function testClient(): AuthClient {
  return createAuthClient({ baseURL: '/api', adapter: answering, sessionHint: false, coordinator: null })
}

function Greeting() {
  const session = useSession()
  const client = useAuthClient()
  return (
    <>
      <p>status: {session.status}</p>
      <p>user: {session.user?.name ?? 'nobody'}</p>
      <button onClick={() => void client.login({ email: USER.email, password: 'pw' })}>Sign in</button>
      <button onClick={() => void client.logout()}>Sign out</button>
    </>
  )
}

/** React logs an error thrown in render; the tests below expect those. */
function quietRenderErrors() {
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
}

describe('silent-refresh/react', () => {
  afterEach(() => {
    cleanup()
    vi.restoreAllMocks()
  })

  it("renders the client's session and follows it through a sign-in and a sign-out", async () => {
    const user = userEvent.setup()
    render(
      <StrictMode>
        <AuthProvider client={testClient()}>
          <Greeting />
        </AuthProvider>
      </StrictMode>,
    )
    expect(screen.getByText('status: unknown')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByText('user: Ada')).toBeInTheDocument()
    expect(screen.getByText('status: authenticated')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Sign out' }))
    expect(await screen.findByText('user: nobody')).toBeInTheDocument()
    expect(screen.getByText('status: anonymous')).toBeInTheDocument()
  })

  it('gives the components the very client it was given', () => {
    const client = testClient()
    const seen: AuthClient[] = []
    function Probe() {
      seen.push(useAuthClient())
      return null
    }
    render(
      <AuthProvider client={client}>
        <Probe />
      </AuthProvider>,
    )
    expect(seen[0]).toBe(client)
  })

  it('connects the client to the other tabs and to wake-ups while mounted, and disconnects on unmount', () => {
    const client = testClient()
    const stopTabs = vi.fn()
    const stopLifecycle = vi.fn()
    const connectTabs = vi.spyOn(client, 'connectTabs').mockReturnValue(stopTabs)
    const connectLifecycle = vi.spyOn(client, 'connectLifecycle').mockReturnValue(stopLifecycle)
    const view = render(<AuthProvider client={client}>{null}</AuthProvider>)
    expect(connectTabs).toHaveBeenCalledTimes(1)
    expect(connectLifecycle).toHaveBeenCalledTimes(1)
    expect(stopTabs).not.toHaveBeenCalled()
    view.unmount()
    expect(stopTabs).toHaveBeenCalledTimes(1)
    expect(stopLifecycle).toHaveBeenCalledTimes(1)
  })

  it('re-renders on every snapshot change, not only on sign-in (online, status)', () => {
    let online = true
    const client = createAuthClient({ baseURL: '/api', adapter: answering, sessionHint: false, isOnline: () => online })
    function Online() {
      return <p>online: {String(useSession().online)}</p>
    }
    render(
      <AuthProvider client={client}>
        <Online />
      </AuthProvider>,
    )
    expect(screen.getByText('online: true')).toBeInTheDocument()
    online = false
    act(() => window.dispatchEvent(new Event('offline')))
    expect(screen.getByText('online: false')).toBeInTheDocument()
  })

  it('refuses useSession() outside an AuthProvider with an AuthError that says what is missing', () => {
    quietRenderErrors()
    function Lonely() {
      useSession()
      return null
    }
    let thrown: unknown
    try {
      render(<Lonely />)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AuthError)
    expect(thrown).toMatchObject({ code: 'missing_auth_provider', message: expect.stringContaining('<AuthProvider') })
  })

  it('refuses a nested AuthProvider with another client, and allows one with the same client', () => {
    quietRenderErrors()
    const client = testClient()
    expect(() =>
      render(
        <AuthProvider client={client}>
          <AuthProvider client={testClient()}>{null}</AuthProvider>
        </AuthProvider>,
      ),
    ).toThrow(expect.objectContaining({ code: 'conflicting_auth_provider' }))
    cleanup()

    const connectTabs = vi.spyOn(client, 'connectTabs')
    render(
      <AuthProvider client={client}>
        <AuthProvider client={client}>
          <Greeting />
        </AuthProvider>
      </AuthProvider>,
    )
    expect(screen.getByText('status: unknown')).toBeInTheDocument()
    expect(connectTabs).toHaveBeenCalledTimes(1)
  })

  it('refuses a provider without a client', () => {
    quietRenderErrors()
    expect(() => render(<AuthProvider client={undefined as unknown as AuthClient}>{null}</AuthProvider>)).toThrow(
      expect.objectContaining({ code: 'invalid_auth_client' }),
    )
  })
})
