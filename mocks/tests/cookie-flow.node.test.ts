import axios from 'axios'
import { describe, expect, it } from 'vitest'
import { DEMO_USER } from '../index'
import { useMockServer } from '../testing'

// What the auth client relies on in Node: axios's http adapter, MSW's cookie jar carrying the refresh cookie.
describe('refresh cookie flow under msw/node with axios (http adapter)', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })
  const api = axios.create({ baseURL: 'http://localhost/api', headers: { 'X-Requested-With': 'XMLHttpRequest' }, adapter: 'http' })

  it('logs in, then refreshes twice with the rotated cookie, and /me accepts the newest access token', async () => {
    const login = await api.post<{ accessToken: string }>('/auth/login', { email: DEMO_USER.email, password: DEMO_USER.password })
    expect(login.status).toBe(200)
    const first = await api.post<{ accessToken: string }>('/auth/refresh')
    const second = await api.post<{ accessToken: string }>('/auth/refresh')
    expect(first.status).toBe(200)
    expect(second.status).toBe(200)
    expect(second.data.accessToken).not.toBe(first.data.accessToken)

    const me = await api.get('/me', { headers: { Authorization: `Bearer ${second.data.accessToken}` } })
    expect(me.data).toMatchObject({ email: DEMO_USER.email, name: DEMO_USER.name })
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 2, refreshFailures: 0, logins: 1 })
  })

  it('ends the session for the jar too: after logout the next refresh is refused', async () => {
    await api.post('/auth/login', { email: DEMO_USER.email, password: DEMO_USER.password })
    expect((await api.post('/auth/logout')).status).toBe(204)
    const refused = await api.post('/auth/refresh').catch((error: unknown) => error)
    expect(axios.isAxiosError(refused) && refused.response?.status).toBe(401)
  })
})
