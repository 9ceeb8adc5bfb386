// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react'
import type { AxiosAdapter } from 'axios'
import { StrictMode } from 'react'
import { RecoilRoot, useRecoilValue } from 'recoil'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AuthError, createAuthClient, createMemoryTokenStore, type AuthClient, type TokenStore } from 'silent-refresh'
import { AuthProvider } from 'silent-refresh/react'
import { rawToken } from '../../../../tests/support/tokens'
import { recoilAuthState, useAccessToken, useRecoilSession } from './index'

const USER = { id: 'u1', email: 'ada@example.com', name: 'Ada', createdAt: '2024-01-01T00:00:00.000Z' }
const token = (n: number) => rawToken({ alg: 'HS256' }, { sub: 'u1', email: USER.email, name: USER.name, typ: 'access', iat: 1_000 + n, exp: 4_600 + n })

/** Login answers with token(1), each refresh with the next token, logout with 204: in process. */
function answering(): AxiosAdapter {
  let issued = 1
  return async (config) => {
    const data = config.url === '/auth/login' ? { accessToken: token(1), user: USER } : config.url === '/auth/refresh' ? { accessToken: token(++issued) } : ''
    return { data, status: 200, statusText: 'OK', headers: {}, config, request: {} }
  }
}

function testClient(): { client: AuthClient; store: TokenStore } {
  const store = createMemoryTokenStore()
  const client = createAuthClient({ baseURL: '/api', store, adapter: answering(), sessionHint: false, coordinator: null })
  return { client, store }
}

function Probe() {
  const session = useRecoilSession()
  const accessToken = useAccessToken()
  return (
    <>
      <p>status: {session.status}</p>
      <p>user: {session.user?.name ?? 'nobody'}</p>
      <p>token: {accessToken === null ? 'none' : accessToken === token(1) ? 'first' : accessToken === token(2) ? 'second' : 'other'}</p>
    </>
  )
}

function renderWithRecoil({ client, store }: { client: AuthClient; store: TokenStore }) {
  recoilAuthState(client, store)
  return render(
    <StrictMode>
      <RecoilRoot>
        <AuthProvider client={client}>
          <Probe />
        </AuthProvider>
      </RecoilRoot>
    </StrictMode>,
  )
}

describe('silent-refresh/recoil', () => {
  afterEach(() => {
    cleanup()
    vi.restoreAllMocks()
  })

  it('follows sign-in, refresh and sign-out: the session and the token, in Recoil', async () => {
    const app = testClient()
    renderWithRecoil(app)
    expect(screen.getByText('status: unknown')).toBeInTheDocument()
    expect(screen.getByText('token: none')).toBeInTheDocument()

    await act(() => app.client.login({ email: USER.email, password: 'pw' }))
    expect(await screen.findByText('user: Ada')).toBeInTheDocument()
    expect(screen.getByText('token: first')).toBeInTheDocument()

    await act(() => app.client.refresh())
    expect(await screen.findByText('token: second')).toBeInTheDocument()

    await act(() => app.client.logout())
    expect(await screen.findByText('status: anonymous')).toBeInTheDocument()
    expect(screen.getByText('token: none')).toBeInTheDocument()
  })

  it('shows in its first render what the client knew before Recoil existed (no empty frame)', async () => {
    const app = testClient()
    await app.client.login({ email: USER.email, password: 'pw' })
    const firstRender: string[] = []
    function FirstRender() {
      const { status } = useRecoilSession()
      const accessToken = useAccessToken()
      firstRender.push(`${status} ${accessToken === token(1) ? 'first' : String(accessToken)}`)
      return null
    }
    recoilAuthState(app.client, app.store)
    render(
      <RecoilRoot>
        <AuthProvider client={app.client}>
          <FirstRender />
        </AuthProvider>
      </RecoilRoot>,
    )
    expect(firstRender[0]).toBe('authenticated first')
  })

  it('is one state per client, the same however often it is asked for', () => {
    const app = testClient()
    const state = recoilAuthState(app.client, app.store)
    expect(recoilAuthState(app.client, app.store)).toBe(state)
    expect(recoilAuthState(testClient().client, createMemoryTokenStore())).not.toBe(state)
  })

  it('keeps two clients apart in one Recoil root', async () => {
    const first = testClient()
    const second = testClient()
    function Both() {
      const a = useRecoilValue(recoilAuthState(first.client, first.store).session)
      const b = useRecoilValue(recoilAuthState(second.client, second.store).session)
      return <p>{`${a.status}/${b.status}`}</p>
    }
    render(
      <RecoilRoot>
        <Both />
      </RecoilRoot>,
    )
    await act(() => first.client.login({ email: USER.email, password: 'pw' }))
    expect(await screen.findByText('authenticated/unknown')).toBeInTheDocument()
  })

  it('stops following the client when the Recoil root unmounts', () => {
    const app = testClient()
    let following = 0
    const subscribe = app.client.subscribe
    vi.spyOn(app.client, 'subscribe').mockImplementation((listener) => {
      const stop = subscribe(listener)
      following++
      return () => {
        following--
        stop()
      }
    })
    const view = renderWithRecoil(app)
    expect(following).toBe(1)
    view.unmount()
    expect(following).toBe(0)
  })

  it('refuses another store for a client it already mirrors, and a missing store', () => {
    const app = testClient()
    recoilAuthState(app.client, app.store)
    expect(() => recoilAuthState(app.client, createMemoryTokenStore())).toThrow(expect.objectContaining({ code: 'conflicting_token_store' }))
    expect(() => recoilAuthState(testClient().client, undefined as unknown as TokenStore)).toThrow(AuthError)
  })

  it("refuses the hooks for a client whose Recoil state was never made, naming what to call", () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const { client } = testClient()
    expect(() =>
      render(
        <RecoilRoot>
          <AuthProvider client={client}>
            <Probe />
          </AuthProvider>
        </RecoilRoot>,
      ),
    ).toThrow(expect.objectContaining({ code: 'missing_recoil_auth_state', message: expect.stringContaining('recoilAuthState(client, store)') }))
  })
})
