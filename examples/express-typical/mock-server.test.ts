import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_USER } from '../../mocks'
import { startMockHttpServer, type MockHttpServer } from '../../mocks/server'
import expressTypical from './profile'

/** `npm run mock:server` given the typical profile (`--profile examples/express-typical/profile.ts`): real `Set-Cookie`s in its dialect. */

describe('npm run mock:server with the typical profile (real HTTP, real Set-Cookie)', () => {
  let mock: MockHttpServer
  beforeEach(async () => {
    mock = await startMockHttpServer({ port: 0, profile: expressTypical })
  })
  afterEach(() => mock.close())

  it('sets the refresh cookie jid on Path=/auth, rotates it on /auth/refresh and clears it on /auth/logout', async () => {
    const login = await fetch(`${mock.url}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: DEMO_USER.email, password: DEMO_USER.password }),
    })
    expect(login.status).toBe(200)
    const [cookie] = login.headers.getSetCookie()
    expect(cookie).toMatch(/^jid=[^;]+; HttpOnly; Secure; SameSite=Strict; Path=\/auth; Max-Age=\d+$/)
    const jid = cookie!.split(';')[0]!
    const refreshed = await fetch(`${mock.url}/auth/refresh`, { method: 'POST', headers: { Cookie: jid } })
    expect(refreshed.status).toBe(200)
    const rotated = refreshed.headers.getSetCookie()[0]!.split(';')[0]!
    expect(rotated).toMatch(/^jid=/)
    expect(rotated).not.toBe(jid)
    // No reuse interval: the rotated-away cookie presented again is refused and ends the login.
    expect((await fetch(`${mock.url}/auth/refresh`, { method: 'POST', headers: { Cookie: jid } })).status).toBe(403)
    expect((await fetch(`${mock.url}/auth/refresh`, { method: 'POST', headers: { Cookie: rotated } })).status).toBe(403)
    const logout = await fetch(`${mock.url}/auth/logout`, { method: 'POST', headers: { Cookie: rotated } })
    expect(logout.status).toBe(204)
    expect(logout.headers.getSetCookie()[0]).toMatch(/^jid=; .*Path=\/auth; Max-Age=0$/)
  })
})
