import { describe, expect, it } from 'vitest'
import { claimsOf, uniqueEmail, type ContractTarget } from '../harness'
import { ISO_DATE, MINUTE, expectError, expectRefreshRefused } from '../expectations'

interface Device {
  id: string
  current: boolean
  createdAt: string
  lastUsedAt: string
  browser: string | null
  os: string | null
  label: string
}

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0'
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'

export function devicesContract(target: () => ContractTarget) {
  /** A login of the demo user from its own client (its own cookie jar) with this User-Agent. */
  async function signIn(userAgent: string) {
    const client = target().client()
    const response = await client.send('POST', '/api/auth/login', { json: { email: 'demo@example.com', password: 'demo-pass-123' }, headers: { 'User-Agent': userAgent } })
    expect(response.status).toBe(200)
    const accessToken = (response.body as { accessToken: string }).accessToken
    return { client, accessToken, sid: claimsOf(accessToken).sid as string }
  }
  const list = async (device: Awaited<ReturnType<typeof signIn>>) => {
    const response = await device.client.send('GET', '/api/auth/sessions', { token: device.accessToken })
    expect(response.status).toBe(200)
    return (response.body as { sessions: Device[] }).sessions
  }

  describe('signed-in devices (GET /api/auth/sessions, DELETE /api/auth/sessions/:sid, POST /api/auth/sessions/sign-out-others)', () => {
    it('lists every live login of the user: this one first and marked current, when each began and was last used, a browser label', async () => {
      const phone = await signIn(SAFARI_IPHONE)
      await target().control.advanceClock(5 * MINUTE)
      const laptop = await signIn(FIREFOX_WINDOWS)
      const sessions = await list(laptop)
      expect(sessions.map((s) => [s.id, s.current, s.label])).toEqual([
        [laptop.sid, true, 'Firefox on Windows'],
        [phone.sid, false, 'Safari on iPhone'],
      ])
      for (const s of sessions) {
        expect(s.createdAt).toMatch(ISO_DATE)
        expect(s.lastUsedAt).toMatch(ISO_DATE)
      }
      expect(sessions[1]).toMatchObject({ browser: 'Safari', os: 'iPhone' })
      expect(Date.parse(sessions[0]!.createdAt) - Date.parse(sessions[1]!.createdAt)).toBeGreaterThanOrEqual(5 * MINUTE - 1000)
      // The phone's list says the phone is current: "current" is the access token's sid.
      expect((await list(phone)).find((s) => s.current)?.id).toBe(phone.sid)
    })

    it("lists no login of another account and none that ended (logout)", async () => {
      const other = target().client()
      await other.signup({ email: uniqueEmail('devices'), name: 'Other', password: 'password1' })
      const gone = await signIn(FIREFOX_WINDOWS)
      expect((await gone.client.send('POST', '/api/auth/logout')).status).toBe(204)
      const me = await signIn(SAFARI_IPHONE)
      expect((await list(me)).map((s) => s.id)).toEqual([me.sid])
    })

    it('a request moves lastUsedAt; a refresh too', async () => {
      const phone = await signIn(SAFARI_IPHONE)
      const laptop = await signIn(FIREFOX_WINDOWS)
      const before = (await list(laptop)).find((s) => s.id === phone.sid)!
      await target().control.advanceClock(10 * MINUTE)
      expect((await phone.client.send('GET', '/api/me', { token: phone.accessToken })).status).toBe(200)
      const after = (await list(laptop)).find((s) => s.id === phone.sid)!
      expect(Date.parse(after.lastUsedAt) - Date.parse(before.lastUsedAt)).toBeGreaterThanOrEqual(10 * MINUTE - 1000)
      expect(after.createdAt).toBe(before.createdAt)
    })

    it('DELETE /api/auth/sessions/:sid ends that login at once: its access token is refused, its refresh too; this one lives on', async () => {
      const phone = await signIn(SAFARI_IPHONE)
      const laptop = await signIn(FIREFOX_WINDOWS)
      const response = await laptop.client.send('DELETE', `/api/auth/sessions/${phone.sid}`, { token: laptop.accessToken })
      expect(response.status).toBe(204)
      expectError(await phone.client.send('GET', '/api/me', { token: phone.accessToken }), 401, 'invalid_token')
      expectRefreshRefused(await phone.client.refresh())
      expect((await laptop.client.send('GET', '/api/me', { token: laptop.accessToken })).status).toBe(200)
      expect((await list(laptop)).map((s) => s.id)).toEqual([laptop.sid])
      expect((await target().control.stats()).familiesRevoked).toBe(1)
    })

    it("an unknown sid, another account's or one already ended is 404 not_found, and nothing ends", async () => {
      const phone = await signIn(SAFARI_IPHONE)
      const laptop = await signIn(FIREFOX_WINDOWS)
      const stranger = target().client()
      const strangerLogin = await stranger.signup({ email: uniqueEmail('stranger'), name: 'Stranger', password: 'password1' })
      const strangerSid = claimsOf(strangerLogin.accessToken).sid as string
      expectError(await laptop.client.send('DELETE', '/api/auth/sessions/no-such-login', { token: laptop.accessToken }), 404, 'not_found')
      expectError(await laptop.client.send('DELETE', '/api/auth/sessions/%E0%A4%A', { token: laptop.accessToken }), 404, 'not_found')
      expectError(await laptop.client.send('DELETE', `/api/auth/sessions/${strangerSid}`, { token: laptop.accessToken }), 404, 'not_found')
      // The stranger cannot end the demo user's logins either.
      expectError(await stranger.send('DELETE', `/api/auth/sessions/${phone.sid}`, { token: strangerLogin.accessToken }), 404, 'not_found')
      expect((await stranger.send('GET', '/api/me', { token: strangerLogin.accessToken })).status).toBe(200)
      expect((await phone.client.send('GET', '/api/me', { token: phone.accessToken })).status).toBe(200)
      expect((await target().control.stats()).familiesRevoked).toBe(0)
      expect((await laptop.client.send('DELETE', `/api/auth/sessions/${phone.sid}`, { token: laptop.accessToken })).status).toBe(204)
      expectError(await laptop.client.send('DELETE', `/api/auth/sessions/${phone.sid}`, { token: laptop.accessToken }), 404, 'not_found')
      expect((await target().control.stats()).familiesRevoked).toBe(1)
    })

    it('the current login cannot end itself here (400: that is POST /api/auth/logout, which clears the cookie)', async () => {
      const laptop = await signIn(FIREFOX_WINDOWS)
      expectError(await laptop.client.send('DELETE', `/api/auth/sessions/${laptop.sid}`, { token: laptop.accessToken }), 400, 'invalid_request')
      expect((await laptop.client.send('GET', '/api/me', { token: laptop.accessToken })).status).toBe(200)
    })

    it('POST /api/auth/sessions/sign-out-others ends every other login of the user and says how many; this one and other accounts live on', async () => {
      const phone = await signIn(SAFARI_IPHONE)
      const tablet = await signIn(SAFARI_IPHONE.replace('iPhone;', 'iPad;'))
      const laptop = await signIn(FIREFOX_WINDOWS)
      const stranger = target().client()
      const strangerLogin = await stranger.signup({ email: uniqueEmail('stranger'), name: 'Stranger', password: 'password1' })
      const response = await laptop.client.send('POST', '/api/auth/sessions/sign-out-others', { token: laptop.accessToken })
      expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: { signedOut: 2 } })
      for (const ended of [phone, tablet]) expectError(await ended.client.send('GET', '/api/posts', { token: ended.accessToken }), 401, 'invalid_token')
      expect((await laptop.client.send('GET', '/api/posts', { token: laptop.accessToken })).status).toBe(200)
      expect((await stranger.send('GET', '/api/me', { token: strangerLogin.accessToken })).status).toBe(200)
      expect((await list(laptop)).map((s) => s.id)).toEqual([laptop.sid])
      const again = await laptop.client.send('POST', '/api/auth/sessions/sign-out-others', { token: laptop.accessToken })
      expect(again.body).toEqual({ signedOut: 0 })
    })

    it('all three need the access token (401 with the challenge), and answer 405 with Allow to other methods', async () => {
      const client = target().client()
      for (const [method, path] of [['GET', '/api/auth/sessions'], ['POST', '/api/auth/sessions/sign-out-others'], ['DELETE', '/api/auth/sessions/x']] as const) {
        const response = await client.send(method, path)
        expectError(response, 401, 'unauthorized')
        expect(response.headers.get('www-authenticate')).toMatch(/^(Bearer|DPoP) /)
      }
      // A malformed %-escape in the id is refused like any other request without a token: no 500, no stack trace.
      const malformed = await client.send('DELETE', '/api/auth/sessions/%E0%A4%A')
      expectError(malformed, 401, 'unauthorized')
      expect(JSON.stringify(malformed.body)).not.toMatch(/URIError|stack/)
      const laptop = await signIn(FIREFOX_WINDOWS)
      const wrong = await laptop.client.send('POST', '/api/auth/sessions', { token: laptop.accessToken })
      expectError(wrong, 405, 'method_not_allowed')
      expect(wrong.headers.get('allow')).toBe('GET')
      const wrongOne = await laptop.client.send('GET', `/api/auth/sessions/${laptop.sid}`, { token: laptop.accessToken })
      expectError(wrongOne, 405, 'method_not_allowed')
      expect(wrongOne.headers.get('allow')).toBe('DELETE')
    })
  })
}
