// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react'
import type { AxiosAdapter } from 'axios'
import { RecoilRoot } from 'recoil'
import { afterEach, describe, expect, it } from 'vitest'
import { rawToken } from '../../tests/support/tokens'
import { createAuthClient, createMemoryTokenStore, type AuthClient } from 'silent-refresh'
import { AuthProvider } from 'silent-refresh/react'
import { recoilAuthState } from 'silent-refresh/recoil'
import { useSession, type Session } from './use-session'

const USER = { id: 'u1', email: 'a@example.com', name: 'Ada', createdAt: '2024-01-01T00:00:00.000Z' }

/** Answers login with `accessToken` and logout with 204, in process. */
function answering(accessToken: string): AxiosAdapter {
  return async (config) => ({ data: config.url === '/auth/login' ? { accessToken, user: USER } : '', status: 200, statusText: 'OK', headers: {}, config, request: {} })
}

/** The app's wiring in small: a client under the package's provider, its session mirrored into Recoil. */
function renderSession(accessToken: string) {
  const store = createMemoryTokenStore()
  const client = createAuthClient({ baseURL: '/api', store, adapter: answering(accessToken), coordinator: null })
  recoilAuthState(client, store)
  const seen: { client: AuthClient; session?: Session } = { client }
  function Probe() {
    seen.session = useSession()
    return null
  }
  render(
    <RecoilRoot>
      <AuthProvider client={client}>
        <Probe />
      </AuthProvider>
    </RecoilRoot>,
  )
  return seen as Required<typeof seen>
}

describe('useSession', () => {
  afterEach(cleanup)

  it("derives the user, expiry and authentication from the client's session", async () => {
    const seen = renderSession(rawToken({ alg: 'HS256' }, { sub: 'u1', email: 'a@example.com', name: 'Ada', typ: 'access', iat: 1_000, exp: 4_600 }))
    expect(seen.session).toMatchObject({ status: 'unknown', isAuthenticated: false, user: null, accessTokenExpiresAt: null })

    await act(() => seen.client.login({ email: 'a@example.com', password: 'x' }))
    expect(seen.session.user).toEqual({ id: 'u1', email: 'a@example.com', name: 'Ada' })
    expect(seen.session.accessTokenExpiresAt).toBe(4_600_000)
    expect(seen.session.isAuthenticated).toBe(true)

    await act(() => seen.client.logout())
    expect(seen.session).toMatchObject({ isAuthenticated: false, user: null, accessTokenExpiresAt: null })
  })

  it('counts the local expiry from when the token arrived, whatever the server clock says', async () => {
    // Issued by a server whose clock is ten years ahead; lives 20 s.
    const iat = Math.floor(Date.now() / 1000) + 10 * 365 * 24 * 3600
    const seen = renderSession(rawToken({ alg: 'HS256' }, { sub: 'u1', typ: 'access', iat, exp: iat + 20 }))
    const before = Date.now()
    await act(() => seen.client.login({ email: 'a@example.com', password: 'x' }))
    const localExpiry = seen.session.accessTokenExpiresLocallyAt!
    expect(localExpiry).toBeGreaterThanOrEqual(before + 20_000)
    expect(localExpiry).toBeLessThanOrEqual(Date.now() + 20_000)
  })

  it('treats a token that does not decode as no user', async () => {
    const seen = renderSession('not-a-jwt')
    await act(() => seen.client.login({ email: 'a@example.com', password: 'x' }).catch(() => undefined))
    expect(seen.session).toMatchObject({ user: null, accessTokenExpiresAt: null, accessTokenExpiresLocallyAt: null })
  })
})
