import { describe, expect, it } from 'vitest'
import { claimsOf, type ContractTarget } from '../harness'
import { DAY, HOUR, MINUTE, expectError, expectRefreshCookie, expectRefreshRefused } from '../expectations'

export function expiryContract(target: () => ContractTarget) {
  describe("expiry on the mock clock (the seeds' three scenarios)", () => {
    it('1. both tokens valid: the access token opens /me', async () => {
      const client = target().client()
      const session = await client.login()
      await target().control.advanceClock(HOUR - MINUTE)
      expect((await client.send('GET', '/api/me', { token: session.accessToken })).status).toBe(200)
    })

    it('2. access token expired after 1 h, refresh token valid: /me 401, refresh 200, /me 200 with the new token', async () => {
      const client = target().client()
      const session = await client.login()
      await target().control.advanceClock(HOUR)
      expectError(await client.send('GET', '/api/me', { token: session.accessToken }), 401, 'invalid_token')
      const refreshed = await client.refresh({ token: session.accessToken })
      expect(refreshed.status).toBe(200)
      const { accessToken } = refreshed.body as { accessToken: string }
      expect((await client.send('GET', '/api/me', { token: accessToken })).status).toBe(200)
    })

    it('3. both expired after 14 days: refresh 401, the user logs in again', async () => {
      const client = target().client()
      await client.login()
      await target().control.advanceClock(13 * DAY)
      expect((await client.refresh()).status).toBe(200)
      await target().control.advanceClock(DAY)
      expectRefreshRefused(await client.refresh())
      expect((await client.login()).accessToken).toEqual(expect.any(String))
    })
  })

  describe('configure()', () => {
    it('sets token lifetimes for tokens issued from then on', async () => {
      const client = target().client()
      const before = await client.login()
      await target().control.configure({ accessTtlMs: 30_000, refreshTtlMs: 5 * MINUTE })
      const after = await target().client().login()
      expect(claimsOf(before.accessToken).exp - claimsOf(before.accessToken).iat).toBe(3600)
      const access = claimsOf(after.accessToken)
      expect(access.exp - access.iat).toBe(30)
      expect(claimsOf(after.refreshToken).exp - claimsOf(after.refreshToken).iat).toBe(300)

      await target().control.advanceClock(30_000)
      expect((await client.send('GET', '/api/me', { token: before.accessToken })).status).toBe(200)
      expectError(await client.send('GET', '/api/me', { token: after.accessToken }), 401, 'invalid_token')
    })

    it("gives a new family's cookie the configured Max-Age", async () => {
      await target().control.configure({ refreshTtlMs: 2 * MINUTE })
      const response = await target().client().send('POST', '/api/auth/login', { json: { email: 'demo@example.com', password: 'demo-pass-123' } })
      expectRefreshCookie(response, 120)
    })
  })
}
