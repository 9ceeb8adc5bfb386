import { describe, expect, it } from 'vitest'
import { DEMO_USER } from '../../../packages/silent-refresh/src/testing/server/core/seed'
import { claimsOf, uniqueEmail, type ContractTarget } from '../harness'
import { DAY, MINUTE, SECOND, expectError, expectRefreshCookie, expectRefreshRefused } from '../expectations'

const endOf = (body: unknown) => Date.parse((body as { sessionExpiresAt: string }).sessionExpiresAt)

export function sessionsContract(target: () => ContractTarget) {
  describe('session lifetimes (sessionExpiresAt, idleTtlMs)', () => {
    it('login, signup and refresh answer sessionExpiresAt: the family’s absolute end, 14 days from login, on the mock clock', async () => {
      const client = target().client()
      await target().control.advanceClock(2 * DAY)
      const login = await client.send('POST', '/api/auth/login', { json: DEMO_USER })
      const end = claimsOf(login.refreshCookie!.value).exp * 1000
      expect((login.body as { sessionExpiresAt: string }).sessionExpiresAt).toBe(new Date(end).toISOString())
      expect(end - Date.now()).toBeGreaterThan(16 * DAY - MINUTE)
      const signup = await client.send('POST', '/api/auth/signup', { json: { email: uniqueEmail(), name: 'S', password: 'password1' } })
      expect(endOf(signup.body)).toBe(claimsOf(signup.refreshCookie!.value).exp * 1000)
      await target().control.advanceClock(DAY)
      const refresh = await client.refresh()
      expect(endOf(refresh.body)).toBe(claimsOf(signup.refreshCookie!.value).exp * 1000)
    })

    it('configure({ idleTtlMs }) applies at once to existing families: the end and Max-Age follow the idle end', async () => {
      const client = target().client()
      await client.login()
      await target().control.configure({ idleTtlMs: 30 * MINUTE })
      const before = Date.now()
      const refresh = await client.refresh()
      expect(refresh.status).toBe(200)
      expect(endOf(refresh.body) - before).toBeGreaterThanOrEqual(30 * MINUTE)
      expect(endOf(refresh.body) - Date.now()).toBeLessThanOrEqual(30 * MINUTE)
      expectRefreshCookie(refresh, 30 * 60)
    })

    it('ends a family not refreshed for idleTtlMs: the next refresh is 401 invalid_refresh_token', async () => {
      const client = target().client()
      await target().control.configure({ idleTtlMs: 30 * MINUTE })
      const { accessToken } = await client.login()
      await target().control.advanceClock(30 * MINUTE + SECOND)
      expectRefreshRefused(await client.refresh())
      // The login has ended: its access token too, although its hour is not over.
      expectError(await client.send('GET', '/api/me', { token: accessToken }), 401, 'invalid_token')
    })

    it('moves the idle end forward on each successful refresh, never past the absolute end', async () => {
      const client = target().client()
      await target().control.configure({ idleTtlMs: 30 * MINUTE, refreshTtlMs: 50 * MINUTE })
      await client.login()
      await target().control.advanceClock(20 * MINUTE)
      const first = await client.refresh()
      expect(first.status).toBe(200)
      await target().control.advanceClock(20 * MINUTE)
      const second = await client.refresh()
      expect(second.status).toBe(200)
      // 40 minutes after login: the idle end would be 70 min, the absolute end (50 min) comes first.
      const absolute = claimsOf(second.refreshCookie!.value).exp * 1000
      expect(endOf(second.body)).toBe(absolute)
      expectRefreshCookie(second, claimsOf(second.refreshCookie!.value).exp - claimsOf(second.refreshCookie!.value).iat)
      await target().control.advanceClock(10 * MINUTE)
      expectRefreshRefused(await client.refresh())
    })

    it('configure({ idleTtlMs: null }) turns the idle lifetime off; a bad value is refused', async () => {
      await target().control.configure({ idleTtlMs: 10 * MINUTE })
      await target().control.configure({ idleTtlMs: null })
      const client = target().client()
      await client.login()
      await target().control.advanceClock(DAY)
      expect((await client.refresh()).status).toBe(200)
      await expect(target().control.configure({ idleTtlMs: -1 })).rejects.toMatchObject({ name: 'InvalidMockControlError' })
    })
  })
}
