import { describe, expect, it } from 'vitest'
import { claimsOf, type ContractTarget } from '../harness'
import { SECOND, expectError, expectRefreshRefused } from '../expectations'

export function lostAnswersContract(target: () => ContractTarget) {
  describe('lost answers and the reuse interval', () => {
    it('failNext("refresh", "lost-response"): rotates, then drops the connection; the old cookie then gets the current one again', async () => {
      const client = target().client()
      const { refreshToken } = await client.login()
      await target().control.failNext('refresh', 'lost-response')
      await expect(client.refresh()).rejects.toThrow()
      expect(client.refreshToken()).toBe(refreshToken)
      const first = await client.refresh({ cookie: refreshToken })
      const second = await client.refresh({ cookie: refreshToken })
      expect([first.status, second.status]).toEqual([200, 200])
      expect(first.refreshCookie!.value).not.toBe(refreshToken)
      expect(second.refreshCookie!.value).toBe(first.refreshCookie!.value)
      expect(claimsOf(first.refreshCookie!.value).fam).toBe(claimsOf(refreshToken).fam)
      const access = (first.body as { accessToken: string }).accessToken
      expect((await client.send('GET', '/api/me', { token: access })).status).toBe(200)
      // The current token rotates normally afterwards.
      const next = await client.refresh()
      expect(next.status).toBe(200)
      expect(next.refreshCookie!.value).not.toBe(first.refreshCookie!.value)
      expect(await target().control.stats()).toMatchObject({ refreshCalls: 4, refreshFailures: 1, refreshGraceReuses: 2, familiesRevoked: 0 })
    })

    it('two racing refreshes with one cookie both get 200 and the same cookie value; nothing is revoked', async () => {
      const client = target().client()
      const { refreshToken } = await client.login()
      const results = await Promise.all([client.refresh({ cookie: refreshToken }), client.refresh({ cookie: refreshToken })])
      expect(results.map((r) => r.status)).toEqual([200, 200])
      expect(results[0]!.refreshCookie!.value).toBe(results[1]!.refreshCookie!.value)
      expect((await client.refresh({ cookie: results[0]!.refreshCookie!.value })).status).toBe(200)
      expect(await target().control.stats()).toMatchObject({ refreshGraceReuses: 1, familiesRevoked: 0 })
    })

    it('after the interval (default 10 s) the predecessor is reuse: the family is revoked', async () => {
      const client = target().client()
      const { refreshToken } = await client.login()
      await client.refresh()
      await target().control.advanceClock(10 * SECOND + 1)
      expectRefreshRefused(await client.refresh({ cookie: refreshToken }))
      expectRefreshRefused(await client.refresh())
      expect(await target().control.stats()).toMatchObject({ refreshGraceReuses: 0, familiesRevoked: 1 })
    })

    it('an older token than the immediate predecessor is reuse even within the interval', async () => {
      const client = target().client()
      const { refreshToken } = await client.login()
      await client.refresh()
      await client.refresh()
      expectRefreshRefused(await client.refresh({ cookie: refreshToken }))
      expectRefreshRefused(await client.refresh())
    })

    it('configure({ reuseIntervalMs }) sets the interval', async () => {
      await target().control.configure({ reuseIntervalMs: 60 * SECOND })
      const client = target().client()
      const { refreshToken } = await client.login()
      await client.refresh()
      await target().control.advanceClock(50 * SECOND)
      expect((await client.refresh({ cookie: refreshToken })).status).toBe(200)
      await expect(target().control.configure({ reuseIntervalMs: -1 })).rejects.toMatchObject({ name: 'InvalidMockControlError' })
    })

    it('a revoked token presented later is a plain 401 and revokes nothing more', async () => {
      const client = target().client()
      const { refreshToken } = await client.login()
      await client.send('POST', '/api/auth/logout')
      expectRefreshRefused(await client.refresh({ cookie: refreshToken }))
      expectRefreshRefused(await client.refresh({ cookie: refreshToken }))
      expect(await target().control.stats()).toMatchObject({ familiesRevoked: 1 })
    })

    it('failNext("posts", "lost-response"): the post is created, the answer lost; the same Idempotency-Key then returns it', async () => {
      const client = target().client()
      const { accessToken } = await client.login()
      await target().control.failNext('posts', 'lost-response')
      const headers = { 'Idempotency-Key': crypto.randomUUID() }
      const json = { title: 'Lost answer', body: 'made once' }
      await expect(client.send('POST', '/api/posts', { token: accessToken, headers, json })).rejects.toThrow()
      const again = await client.send('POST', '/api/posts', { token: accessToken, headers, json })
      expect(again.status).toBe(200)
      expect(again.body).toMatchObject({ title: 'Lost answer' })
      expect(await target().control.stats()).toMatchObject({ postsCreated: 1 })
    })

    it('failNext("logout", …): 500 uses nothing up; "lost-response" still ends the family', async () => {
      const client = target().client()
      const { refreshToken } = await client.login()
      await target().control.failNext('logout', 500)
      expectError(await client.send('POST', '/api/auth/logout'), 500, 'internal_error')
      expect((await client.refresh()).status).toBe(200)
      await target().control.failNext('logout', 'lost-response')
      await expect(client.send('POST', '/api/auth/logout')).rejects.toThrow()
      expectRefreshRefused(await client.refresh())
      expect(refreshToken).not.toBe(client.refreshToken())
    })
  })
}
