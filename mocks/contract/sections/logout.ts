import { describe, expect, it } from 'vitest'
import type { ContractTarget } from '../harness'
import { expectClearedCookie, expectError, expectRefreshRefused } from '../expectations'

export function logoutContract(target: () => ContractTarget) {
  describe('POST /api/auth/logout', () => {
    it('answers 204, clears the cookie and revokes the family', async () => {
      const client = target().client()
      const session = await client.login()
      await client.refresh()
      const response = await client.send('POST', '/api/auth/logout')
      expect(response.status).toBe(204)
      expectClearedCookie(response)
      expect(client.refreshToken()).toBeUndefined()
      expectRefreshRefused(await client.refresh({ cookie: session.refreshToken }))
      expect(await target().control.stats()).toMatchObject({ familiesRevoked: 1, requestsByEndpoint: { logout: 1 } })
    })

    // "cache" only: "storage" would also wipe the page's IndexedDB and Web Storage (the DPoP key store, queued
    // posts, the pending-logout mark) under the app's feet; see docs/security-headers.md.
    it('answers with an empty 204 and Clear-Site-Data: "cache", never "storage" or "cookies"', async () => {
      const client = target().client()
      await client.login()
      const response = await client.send('POST', '/api/auth/logout')
      expect(response.status).toBe(204)
      expect(response.body).toBe('')
      expect(response.headers.get('clear-site-data')).toBe('"cache"')
      const refused = await target().client().send('POST', '/api/auth/logout', { xhr: false })
      expect(refused.headers.get('clear-site-data')).toBeNull()
    })

    it('is idempotent: 204 without a cookie, and again after logging out', async () => {
      const client = target().client()
      expect((await client.send('POST', '/api/auth/logout')).status).toBe(204)
      await client.login()
      expect((await client.send('POST', '/api/auth/logout')).status).toBe(204)
      const again = await client.send('POST', '/api/auth/logout')
      expect(again.status).toBe(204)
      expectClearedCookie(again)
      expect(await target().control.stats()).toMatchObject({ familiesRevoked: 1 })
    })

    it('answers 204 for a garbage cookie and revokes nothing', async () => {
      const client = target().client()
      await client.login()
      expect((await client.send('POST', '/api/auth/logout', { cookie: 'garbage' })).status).toBe(204)
      expect(await target().control.stats()).toMatchObject({ familiesRevoked: 0 })
    })

    it('refuses a request without X-Requested-With with 403 csrf_check_failed and keeps the session', async () => {
      const client = target().client()
      await client.login()
      const response = await client.send('POST', '/api/auth/logout', { xhr: false })
      expectError(response, 403, 'csrf_check_failed')
      expect(response.refreshCookie).toBeUndefined()
      expect((await client.refresh()).status).toBe(200)
    })
  })
}
