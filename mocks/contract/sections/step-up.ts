import { describe, expect, it } from 'vitest'
import { DEMO_USER } from '../../../packages/silent-refresh/src/testing/server/core/seed'
import { claimsOf, type ContractTarget } from '../harness'
import { MINUTE, expectError } from '../expectations'

const STEP_UP = /^Bearer realm="api", error="insufficient_user_authentication", error_description="[^"]+", max_age=300$/

export function stepUpContract(target: () => ContractTarget) {
  describe('step-up (RFC 9470: auth_time, POST /api/auth/reauthenticate, the sensitive actions)', () => {
    it('the access token carries auth_time (the login), kept across refreshes', async () => {
      const client = target().client()
      const { accessToken } = await client.login()
      const atLogin = claimsOf(accessToken).auth_time as number
      await target().control.advanceClock(2 * MINUTE)
      const refreshed = await client.refresh()
      const later = claimsOf((refreshed.body as { accessToken: string }).accessToken)
      expect(later.auth_time).toBe(atLogin)
      expect(later.iat as number).toBeGreaterThan(atLogin)
    })

    it('PUT /api/me/password and the device sign-outs need auth_time within stepUpMaxAgeMs (5 min): 401 insufficient_user_authentication with max_age, nothing done', async () => {
      const client = target().client()
      const { accessToken } = await client.login()
      await target().control.advanceClock(6 * MINUTE)
      for (const [method, path, json] of [
        ['PUT', '/api/me/password', { newPassword: 'another-pass-1' }],
        ['POST', '/api/auth/sessions/sign-out-others', undefined],
        ['DELETE', '/api/auth/sessions/some-login', undefined],
      ] as const) {
        const response = await client.send(method, path, { token: accessToken, ...(json ? { json } : {}) })
        expectError(response, 401, 'insufficient_user_authentication')
        expect(response.headers.get('www-authenticate')).toMatch(STEP_UP)
      }
      // The password is unchanged.
      expect((await target().client().send('POST', '/api/auth/login', { json: DEMO_USER })).status).toBe(200)
    })

    it('reauthenticate: the right password answers a token of the same login with a fresh auth_time; the cookie is not rotated', async () => {
      const client = target().client()
      const { accessToken } = await client.login()
      const cookie = client.refreshToken()
      await target().control.advanceClock(10 * MINUTE)
      const wrong = await client.send('POST', '/api/auth/reauthenticate', { token: accessToken, json: { password: 'not-the-password' } })
      expectError(wrong, 401, 'invalid_credentials')
      const right = await client.send('POST', '/api/auth/reauthenticate', { token: accessToken, json: { password: DEMO_USER.password } })
      expect(right.status).toBe(200)
      expect(right.headers.get('set-cookie')).toBeNull()
      expect(client.refreshToken()).toBe(cookie)
      const fresh = (right.body as { accessToken: string }).accessToken
      expect(claimsOf(fresh).sid).toBe(claimsOf(accessToken).sid)
      expect(claimsOf(fresh).auth_time as number).toBeGreaterThanOrEqual((claimsOf(accessToken).auth_time as number) + 600)
      const change = await client.send('PUT', '/api/me/password', { token: fresh, json: { newPassword: 'another-pass-1' } })
      expect(change.status).toBe(204)
      expect((await target().client().send('POST', '/api/auth/login', { json: { email: DEMO_USER.email, password: 'another-pass-1' } })).status).toBe(200)
      // A refresh keeps the renewed auth_time (the same login).
      const refreshed = await client.refresh()
      expect(claimsOf((refreshed.body as { accessToken: string }).accessToken).auth_time).toBe(claimsOf(fresh).auth_time)
    })

    it('reauthenticate needs the access token; a short new password is 400; wrong passwords count toward the login limiter', async () => {
      const client = target().client()
      const { accessToken } = await client.login()
      expectError(await client.send('POST', '/api/auth/reauthenticate', { json: { password: DEMO_USER.password } }), 401, 'unauthorized')
      expectError(await client.send('PUT', '/api/me/password', { token: accessToken, json: { newPassword: 'short' } }), 400, 'invalid_request')
      for (let i = 0; i < 5; i++) {
        expectError(await client.send('POST', '/api/auth/reauthenticate', { token: accessToken, json: { password: 'wrong' } }), 401, 'invalid_credentials')
      }
      const limited = await client.send('POST', '/api/auth/reauthenticate', { token: accessToken, json: { password: DEMO_USER.password } })
      expectError(limited, 429, 'too_many_attempts')
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
    })

    it('configure({ stepUpMaxAgeMs }) moves the limit (max_age follows)', async () => {
      const client = target().client()
      const { accessToken } = await client.login()
      await target().control.configure({ stepUpMaxAgeMs: 60_000 })
      await target().control.advanceClock(2 * MINUTE)
      const response = await client.send('POST', '/api/auth/sessions/sign-out-others', { token: accessToken })
      expectError(response, 401, 'insufficient_user_authentication')
      expect(response.headers.get('www-authenticate')).toMatch(/max_age=60$/)
    })
  })
}
