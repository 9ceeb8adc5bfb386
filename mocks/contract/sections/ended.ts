import { describe, expect, it } from 'vitest'
import { claimsOf, type ContractTarget, type TestClient } from '../harness'
import { MINUTE, SECOND, expectError } from '../expectations'

async function expectEnded(client: TestClient, accessToken: string): Promise<void> {
  const me = await client.send('GET', '/api/me', { token: accessToken })
  expectError(me, 401, 'invalid_token')
  expect(me.headers.get('www-authenticate')).toMatch(/error="invalid_token"/)
  expectError(await client.send('POST', '/api/posts', { token: accessToken, json: { title: 'After the end', body: '' } }), 401, 'invalid_token')
}

export function endedContract(target: () => ContractTarget) {
  describe('an ended login ends its access tokens at once', () => {
    it('access tokens carry sid = the family id', async () => {
      const session = await target().client().login()
      expect(claimsOf(session.accessToken).sid).toBe(claimsOf(session.refreshToken).fam)
    })

    it('after logout', async () => {
      const client = target().client()
      const { accessToken } = await client.login()
      await client.send('POST', '/api/auth/logout')
      await expectEnded(client, accessToken)
      expect(await target().control.stats()).toMatchObject({ postsCreated: 0 })
    })

    it('after reuse revoked the family (the rotated token too)', async () => {
      const client = target().client()
      const { accessToken, refreshToken } = await client.login()
      const rotated = await client.refresh()
      await target().control.advanceClock(10 * SECOND + 1)
      await client.refresh({ cookie: refreshToken })
      await expectEnded(client, accessToken)
      await expectEnded(client, (rotated.body as { accessToken: string }).accessToken)
    })

    it('after theft was detected (another user’s access token on refresh)', async () => {
      const client = target().client()
      const { accessToken } = await client.login()
      const other = await target().client().signup({ email: `theft-${Date.now()}@example.com`, name: 'O', password: 'password1' })
      await client.refresh({ token: other.accessToken })
      await expectEnded(client, accessToken)
      expect((await target().client().send('GET', '/api/me', { token: other.accessToken })).status).toBe(200)
    })

    it('after the family’s absolute end, before the access token’s own exp', async () => {
      await target().control.configure({ refreshTtlMs: 10 * MINUTE })
      const client = target().client()
      const { accessToken } = await client.login()
      await target().control.advanceClock(10 * MINUTE)
      await expectEnded(client, accessToken)
    })
  })
}
