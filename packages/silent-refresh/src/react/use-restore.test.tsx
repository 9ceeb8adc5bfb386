// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { AxiosError, type AxiosAdapter, type AxiosResponse } from 'axios'
import { StrictMode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createAuthClient } from 'silent-refresh'
import { rawToken } from '../../../../tests/support/tokens'
import { COMPONENT_TIMEOUT_MS } from '../../../../tests/support/timeouts'
import { AuthProvider, useRestore, useSession } from './index'

// React in jsdom with user events: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: COMPONENT_TIMEOUT_MS })

const USER = { id: 'u1', email: 'ada@example.com', name: 'Ada', createdAt: '2024-01-01T00:00:00.000Z' }

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

describe('useRestore', () => {
  const now = Math.floor(Date.now() / 1000)
  const LIVE_TOKEN = rawToken({ alg: 'HS256' }, { sub: 'u1', email: USER.email, name: USER.name, typ: 'access', iat: now, exp: now + 3600 })
  /** A refresh endpoint that answers as `answers` says, in turn (then 200 with Ada's token), counting its calls. */
  function refreshServer(answers: number[]) {
    const calls = { refresh: 0 }
    const adapter: AxiosAdapter = async (config) => {
      calls.refresh += 1
      const status = answers.shift() ?? 200
      const response: AxiosResponse = { data: status === 200 ? { accessToken: LIVE_TOKEN, user: USER } : { error: status === 401 ? 'invalid_refresh_token' : 'unavailable' }, status, statusText: '', headers: {}, config, request: {} }
      // As axios's own adapters settle: an answer its validateStatus refuses rejects.
      if (config.validateStatus && !config.validateStatus(status)) throw new AxiosError(`Request failed with status code ${status}`, AxiosError.ERR_BAD_RESPONSE, config, {}, response)
      return response
    }
    return { adapter, calls }
  }

  function Start() {
    const session = useSession()
    const { error, retry } = useRestore()
    if (session.status === 'unknown' || session.status === 'restoring') {
      if (!error) return <p role="status">Loading…</p>
      return (
        <p role="alert">
          Could not reach the server. <button onClick={retry}>Try again</button>
        </p>
      )
    }
    return <p>user: {session.user?.name ?? 'nobody'}</p>
  }

  const clientOn = (adapter: AxiosAdapter, extra: Partial<Parameters<typeof createAuthClient>[0]> = {}) =>
    createAuthClient({ baseURL: '/api', adapter, sessionHint: false, coordinator: null, refreshRetry: false, dpop: false, ...extra })

  it('restores once per client under StrictMode, and shows the session', async () => {
    const server = refreshServer([])
    render(
      <StrictMode>
        <AuthProvider client={clientOn(server.adapter)}>
          <Start />
        </AuthProvider>
      </StrictMode>,
    )
    expect(await screen.findByText('user: Ada')).toBeInTheDocument()
    expect(server.calls.refresh).toBe(1)
  })

  it('says the server could not be asked (the status stays restoring) and asks again on "Try again"', async () => {
    const user = userEvent.setup()
    const server = refreshServer([503])
    const client = clientOn(server.adapter)
    render(
      <AuthProvider client={client}>
        <Start />
      </AuthProvider>,
    )
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not reach the server.')
    expect(client.getSnapshot().status).toBe('restoring')
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(await screen.findByText('user: Ada')).toBeInTheDocument()
    expect(server.calls.refresh).toBe(2)
  })

  it('asks again by itself when the browser comes back online after a failed restore', async () => {
    let online = false
    const server = refreshServer([])
    const client = clientOn(server.adapter, { isOnline: () => online })
    render(
      <AuthProvider client={client}>
        <Start />
      </AuthProvider>,
    )
    // Offline: the restore fails fast without asking.
    expect(await screen.findByRole('alert')).toBeInTheDocument()
    expect(server.calls.refresh).toBe(0)
    online = true
    act(() => window.dispatchEvent(new Event('online')))
    expect(await screen.findByText('user: Ada')).toBeInTheDocument()
    expect(server.calls.refresh).toBe(1)
  })

  it('adopts a restore the app started (nothing asked twice), and a remount starts none', async () => {
    const server = refreshServer([])
    const client = clientOn(server.adapter)
    const started = client.restore()
    const restore = vi.spyOn(client, 'restore')
    function Adopting() {
      useRestore({ started })
      return <p>status: {useSession().status}</p>
    }
    const view = render(
      <AuthProvider client={client}>
        <Adopting />
      </AuthProvider>,
    )
    expect(await screen.findByText('status: authenticated')).toBeInTheDocument()
    view.unmount()
    render(
      <AuthProvider client={client}>
        <Start />
      </AuthProvider>,
    )
    expect(screen.getByText('user: Ada')).toBeInTheDocument()
    expect(restore).not.toHaveBeenCalled()
    expect(server.calls.refresh).toBe(1)
  })

  it('is no error when there is no session: the status is anonymous', async () => {
    const server = refreshServer([401])
    render(
      <AuthProvider client={clientOn(server.adapter)}>
        <Start />
      </AuthProvider>,
    )
    expect(await screen.findByText('user: nobody')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })
})
