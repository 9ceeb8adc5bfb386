// @vitest-environment jsdom
import axios from 'axios'
import { describe, expect, it } from 'vitest'
import { DEMO_USER } from '../index'
import { useMockServer } from '../testing'

// What the auth client relies on in component tests: axios's XHR adapter, a relative baseURL, withCredentials.
describe('refresh cookie flow under jsdom with axios (XHR adapter, relative /api)', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })
  const api = axios.create({ baseURL: '/api', withCredentials: true, headers: { 'X-Requested-With': 'XMLHttpRequest' }, adapter: 'xhr' })

  it('logs in, refreshes twice with the rotated cookie, and /me accepts the newest access token', async () => {
    const login = await api.post<{ accessToken: string }>('/auth/login', { email: DEMO_USER.email, password: DEMO_USER.password })
    expect(login.status).toBe(200)
    const first = await api.post<{ accessToken: string }>('/auth/refresh')
    const second = await api.post<{ accessToken: string }>('/auth/refresh')
    expect(second.data.accessToken).not.toBe(first.data.accessToken)

    const me = await api.get('/me', { headers: { Authorization: `Bearer ${second.data.accessToken}` } })
    expect(me.data).toMatchObject({ email: DEMO_USER.email })
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 2, refreshFailures: 0 })
  })

  it('keeps the refresh cookie out of document.cookie (HttpOnly)', async () => {
    await api.post('/auth/login', { email: DEMO_USER.email, password: DEMO_USER.password })
    expect(document.cookie).not.toContain('refresh_token')
  })
})
