import { describe, expect, it } from 'vitest'
import { claimsOf, unsigned, withClaims, withHeader, type ContractTarget } from '../harness'
import { DAY, HOUR, SECOND, expectError, expectRefreshCookie, expectRefreshRefused } from '../expectations'

export function refreshContract(target: () => ContractTarget) {
  describe('POST /api/auth/refresh', () => {
    it('answers 200 {accessToken} and a rotated cookie: new jti, same family', async () => {
      const client = target().client()
      const session = await client.login()
      const response = await client.refresh()
      expect(response.status).toBe(200)
      expect(Object.keys(response.body as object).sort()).toEqual(['accessToken', 'sessionExpiresAt', 'tokenType'])
      expectRefreshCookie(response)
      const before = claimsOf(session.refreshToken)
      const after = claimsOf(response.refreshCookie!.value)
      expect(after.jti).not.toBe(before.jti)
      expect(after.fam).toBe(before.fam)
      const me = await client.send('GET', '/api/me', { token: (response.body as { accessToken: string }).accessToken })
      expect(me.status).toBe(200)
    })

    it("keeps the family's original expiry: rotation never extends the session, Max-Age is the time left", async () => {
      const client = target().client()
      const session = await client.login()
      await target().control.advanceClock(3 * DAY)
      const response = await client.refresh()
      const rotated = claimsOf(response.refreshCookie!.value)
      expect(rotated.exp).toBe(claimsOf(session.refreshToken).exp)
      expectRefreshCookie(response, rotated.exp - rotated.iat)
      expect(rotated.exp - rotated.iat).toBeLessThanOrEqual((11 * DAY) / 1000)
      expect(rotated.exp - rotated.iat).toBeGreaterThanOrEqual((11 * DAY) / 1000 - 1)
    })

    it('detects reuse: the rotated-away token presented again after the reuse interval fails and revokes the family, so the newest fails too', async () => {
      const client = target().client()
      const session = await client.login()
      const rotated = await client.refresh()
      expect(rotated.status).toBe(200)
      await target().control.advanceClock(10 * SECOND + 1)
      expectRefreshRefused(await client.refresh({ cookie: session.refreshToken }))
      expectRefreshRefused(await client.refresh({ cookie: rotated.refreshCookie!.value }))
      expect(await target().control.stats()).toMatchObject({ familiesRevoked: 1, refreshCalls: 3, refreshFailures: 2 })
    })

    it('revokes only the reused family: another login of the same user keeps working', async () => {
      const stolen = target().client()
      const other = target().client()
      const session = await stolen.login()
      await other.login()
      await stolen.refresh()
      await target().control.advanceClock(10 * SECOND + 1)
      expect((await stolen.refresh({ cookie: session.refreshToken })).status).toBe(401)
      expect((await other.refresh()).status).toBe(200)
    })

    it('with reuseIntervalMs 0, lets exactly one of two racing refreshes with one cookie through, and the reuse revokes the family', async () => {
      await target().control.configure({ reuseIntervalMs: 0 })
      const client = target().client()
      const { refreshToken } = await client.login()
      const results = await Promise.all([client.refresh({ cookie: refreshToken }), client.refresh({ cookie: refreshToken })])
      expect(results.map((r) => r.status).sort()).toEqual([200, 401])
      const winner = results.find((r) => r.status === 200)!
      expectRefreshRefused(await client.refresh({ cookie: winner.refreshCookie!.value }))
      expect(await target().control.stats()).toMatchObject({ familiesRevoked: 1 })
    })

    it.each([
      ['no header', undefined],
      ['another value', 'fetch'],
      ['another case', 'xmlhttprequest'],
    ])('refuses %s in X-Requested-With with 403 csrf_check_failed and leaves the cookie usable', async (_, value) => {
      const client = target().client()
      await client.login()
      const response = await client.refresh({ xhr: false, headers: value === undefined ? {} : { 'X-Requested-With': value } })
      expectError(response, 403, 'csrf_check_failed')
      expect(response.refreshCookie).toBeUndefined()
      expect((await client.refresh()).status).toBe(200)
      expect(await target().control.stats()).toMatchObject({ refreshCalls: 2, refreshFailures: 1 })
    })

    it('refuses a request without the cookie: 401 invalid_refresh_token, cookie cleared', async () => {
      expectRefreshRefused(await target().client().refresh())
    })

    describe('refuses an invalid refresh token with 401 invalid_refresh_token and clears the cookie', () => {
      const cases: Array<[string, (token: string, accessToken: string) => string]> = [
        ['malformed', () => 'not-a-jwt'],
        ['three parts of garbage', () => 'abc.def.ghi'],
        ['badly signed (claims changed)', (token) => withClaims(token, { exp: claimsOf(token).exp + 3600 })],
        ['alg none', (token) => unsigned(token)],
        ['alg HS512 in the header', (token) => withHeader(token, { alg: 'HS512', typ: 'JWT' })],
        ['of the wrong typ (an access token)', (_, accessToken) => accessToken],
      ]
      it.each(cases)('%s', async (_, forge) => {
        const client = target().client()
        const session = await client.login()
        expectRefreshRefused(await client.refresh({ cookie: forge(session.refreshToken, session.accessToken) }))
        // The real token was never consumed.
        expect((await client.refresh({ cookie: session.refreshToken })).status).toBe(200)
      })

      it('expired: 14 days after login', async () => {
        const client = target().client()
        await client.login()
        await target().control.advanceClock(14 * DAY)
        expectRefreshRefused(await client.refresh())
      })

      it('signed before reset() (the secret changed)', async () => {
        const client = target().client()
        const session = await client.login()
        await target().control.reset()
        expectRefreshRefused(await client.refresh({ cookie: session.refreshToken }))
      })

      it('revoked by logout', async () => {
        const client = target().client()
        const session = await client.login()
        await client.send('POST', '/api/auth/logout')
        expectRefreshRefused(await client.refresh({ cookie: session.refreshToken }))
      })
    })

    describe('checks a presented access token (Authorization: Bearer)', () => {
      it('accepts the same user’s token, even expired', async () => {
        const client = target().client()
        const session = await client.login()
        await target().control.advanceClock(2 * HOUR)
        expect((await client.refresh({ token: session.accessToken })).status).toBe(200)
      })

      const thefts: Array<[string, (own: string, other: string, refresh: string) => string]> = [
        ['a forged token (claims changed)', (own) => withClaims(own, { name: 'Mallory' })],
        ['an unsigned token (alg none)', (own) => unsigned(own)],
        ["another user's token", (_, other) => other],
        ['a refresh token in place of an access token', (_, __, refresh) => refresh],
        ['an empty Bearer value', () => ''],
      ]
      it.each(thefts)('treats %s as theft: 401, cookie cleared, family revoked', async (_, pick) => {
        const client = target().client()
        const session = await client.login()
        const other = await target().client().signup({ email: `other-${Math.random()}@example.com`, name: 'Other', password: 'password1' })
        expectRefreshRefused(await client.refresh({ token: pick(session.accessToken, other.accessToken, session.refreshToken) }))
        expectRefreshRefused(await client.refresh({ cookie: session.refreshToken }))
        expect(await target().control.stats()).toMatchObject({ familiesRevoked: 1 })
      })
    })
  })
}
