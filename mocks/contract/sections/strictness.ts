import { describe, expect, it } from 'vitest'
import { DEMO_USER } from '../../../packages/silent-refresh/src/testing/server/core/seed'
import { type ContractTarget } from '../harness'
import { expectError, expectRefreshRefused } from '../expectations'

export function strictnessContract(target: () => ContractTarget) {
  describe('strictness', () => {
    describe('two refresh_token cookies', () => {
      it('refresh refuses them (401, cookie cleared) without using either', async () => {
        const mine = target().client()
        const planted = target().client()
        const a = (await mine.login()).refreshToken
        const b = (await planted.login()).refreshToken
        expectRefreshRefused(await mine.refresh({ rawCookie: `refresh_token=${b}; refresh_token=${a}` }))
        expect((await mine.refresh({ cookie: a })).status).toBe(200)
        expect((await planted.refresh({ cookie: b })).status).toBe(200)
        // Neither was rotated by the refused call: both refreshes above rotated, none was a grace reuse.
        expect(await target().control.stats()).toMatchObject({ familiesRevoked: 0, refreshGraceReuses: 0 })
      })

      // A request's Cookie header holds name=value pairs only: a cookie *named* Path (a sibling origin can plant one)
      // is a cookie like any other, not an attribute telling the server that the pair before it was not sent.
      it.each([
        ['attacker first, a cookie named Path last', (a: string, b: string) => `refresh_token=${b}; refresh_token=${a}; Path=x`],
        ['a cookie named Path between them', (a: string, b: string) => `refresh_token=${b}; Path=/api/auth; refresh_token=${a}`],
        ['attribute-named cookies after each', (a: string, b: string) => `refresh_token=${b}; Max-Age=1; HttpOnly; refresh_token=${a}; Secure; SameSite=Strict`],
      ])('refresh refuses two values however the header names its other cookies (%s)', async (_how, header) => {
        const victim = target().client()
        const attacker = target().client()
        const a = (await victim.login()).refreshToken
        const b = (await attacker.login()).refreshToken
        const refused = await victim.refresh({ rawCookie: header(a, b) })
        expectRefreshRefused(refused)
        expect(refused.body).not.toHaveProperty('accessToken')
        // Neither token was used: both still refresh for their owners.
        expect((await victim.refresh({ cookie: a })).status).toBe(200)
        expect((await attacker.refresh({ cookie: b })).status).toBe(200)
      })

      it('logout with an attacker cookie and a cookie named Path still ends the victim login (204, both families end)', async () => {
        const victim = target().client()
        const attacker = target().client()
        const a = (await victim.login()).refreshToken
        const b = (await attacker.login()).refreshToken
        const logout = await victim.send('POST', '/api/auth/logout', { rawCookie: `refresh_token=${b}; refresh_token=${a}; Path=x` })
        expect(logout.status).toBe(204)
        expectRefreshRefused(await victim.refresh({ cookie: a }))
        expect(await target().control.stats()).toMatchObject({ familiesRevoked: 2 })
      })

      it('logout ends both families (204)', async () => {
        const mine = target().client()
        const planted = target().client()
        const a = (await mine.login()).refreshToken
        const b = (await planted.login()).refreshToken
        expect((await mine.send('POST', '/api/auth/logout', { rawCookie: `refresh_token=${a}; refresh_token=${b}` })).status).toBe(204)
        expectRefreshRefused(await mine.refresh({ cookie: a }))
        expectRefreshRefused(await planted.refresh({ cookie: b }))
        expect(await target().control.stats()).toMatchObject({ familiesRevoked: 2 })
      })
    })

    describe('routes', () => {
      it.each(['/x/api/me', '/API/ME', '/api/me/', '/api/Me', '/api/posts/'])('%s is 404 not_found, even with a valid token', async (path) => {
        const client = target().client()
        const { accessToken } = await client.login()
        expectError(await client.send('GET', path, { token: accessToken }), 404, 'not_found')
      })

      it.each([
        ['PUT', '/api/posts', 'GET, POST'],
        ['DELETE', '/api/me', 'GET'],
        ['GET', '/api/auth/refresh', 'POST'],
        ['PATCH', '/api/auth/login', 'POST'],
        ['POST', '/api/me', 'GET'],
      ])('%s %s is 405 method_not_allowed with Allow: %s', async (method, path, allow) => {
        const response = await target().client().send(method, path)
        expectError(response, 405, 'method_not_allowed')
        expect(response.headers.get('allow')).toBe(allow)
      })
    })

    describe('per-client limits (20 failures within 15 minutes from one address)', () => {
      async function failedLogins(count: number, headers: (i: number) => Record<string, string> = () => ({})) {
        const client = target().client()
        for (let i = 0; i < count; i++) {
          const json = { email: `spray-${i}@example.com`, password: 'wrong-password' }
          expect((await client.send('POST', '/api/auth/login', { json, headers: headers(i) })).status).toBe(401)
        }
        return client
      }

      it('after 20 failed logins for different emails: 429 too_many_attempts with Retry-After, even for the right password', async () => {
        const client = await failedLogins(20)
        const limited = await client.send('POST', '/api/auth/login', { json: DEMO_USER })
        expectError(limited, 429, 'too_many_attempts')
        const retryAfter = Number(limited.headers.get('retry-after'))
        expect(retryAfter).toBeGreaterThan(14 * 60)
        expect(retryAfter).toBeLessThanOrEqual(15 * 60)
        expect((await client.send('POST', '/api/auth/signup', { json: { email: 'new@example.com', name: 'N', password: 'password1' } })).status).toBe(429)
      })

      it('holds under concurrency: a burst of 200 failed logins from one client hashes 20 passwords, the rest get 429', async () => {
        const client = target().client()
        const burst = await Promise.all(
          Array.from({ length: 200 }, (_, i) => client.send('POST', '/api/auth/login', { json: { email: `burst-${i}@example.com`, password: 'wrong-password' } })),
        )
        const statuses = burst.map((response) => response.status)
        expect(statuses.filter((status) => status === 401)).toHaveLength(20)
        expect(statuses.filter((status) => status === 429)).toHaveLength(180)
        expect(await target().control.stats()).toMatchObject({ passwordHashes: 20, logins: 0 })
      })

      it('ignores X-Forwarded-For: a client cannot pose as many', async () => {
        const client = await failedLogins(20, (i) => ({ 'X-Forwarded-For': `203.0.113.${i}` }))
        expect((await client.send('POST', '/api/auth/login', { json: DEMO_USER, headers: { 'X-Forwarded-For': '198.51.100.7' } })).status).toBe(429)
      })

      it('counts refused signups (409) too, and not 400s; reset() clears the limiter', async () => {
        const client = target().client()
        for (let i = 0; i < 25; i++) expect((await client.send('POST', '/api/auth/login', { json: { email: 'x' } })).status).toBe(400)
        // An email over 254 characters is refused before anything is remembered about it.
        const long = { email: `${'a'.repeat(60_000)}@example.com`, password: 'wrong-password' }
        expectError(await client.send('POST', '/api/auth/login', { json: long }), 400, 'invalid_request')
        for (let i = 0; i < 20; i++) {
          expect((await client.send('POST', '/api/auth/signup', { json: { email: DEMO_USER.email, name: 'Twin', password: 'password1' } })).status).toBe(409)
        }
        expectError(await client.send('POST', '/api/auth/signup', { json: { email: 'fresh@example.com', name: 'F', password: 'password1' } }), 429, 'too_many_attempts')
        await target().control.reset()
        await target().allowBearer()
        expect((await client.send('POST', '/api/auth/login', { json: DEMO_USER })).status).toBe(200)
      })
    })
  })
}
