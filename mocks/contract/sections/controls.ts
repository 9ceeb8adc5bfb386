import { describe, expect, it } from 'vitest'
import { DEMO_USER } from '../../../packages/silent-refresh/src/testing/server/core/seed'
import type { ContractTarget } from '../harness'
import { expectChallenge, expectClearedCookie, expectError } from '../expectations'

export function controlsContract(target: () => ContractTarget) {
  describe('controls', () => {
    it('reset(): fresh database, clock and config back, counters zero, a new secret', async () => {
      const client = target().client()
      const session = await client.signup({ email: 'temp@example.com', name: 'Temp', password: 'password1' })
      await target().control.configure({ accessTtlMs: 1000 })
      await target().control.advanceClock(10 * 60 * 1000)
      await target().control.reset()

      expect(await target().control.stats()).toEqual({
        refreshCalls: 0,
        refreshFailures: 0,
        familiesRevoked: 0,
        logins: 0,
        requestsByEndpoint: { signup: 0, login: 0, refresh: 0, logout: 0, reauthenticate: 0, me: 0, password: 0, posts: 0, sessions: 0, 'posts-stream': 0 },
        postsCreated: 0,
        refreshGraceReuses: 0,
        dpopRejected: 0,
        dpopNonceChallenges: 0,
        passwordHashes: 0,
        stepUpChallenges: 0,
        reauthentications: 0,
      })
      // The config is back to its defaults: DPoP required, so a login without a proof is refused.
      expectError(await client.send('POST', '/api/auth/login', { json: DEMO_USER }), 400, 'invalid_dpop_proof')
      await target().allowBearer()
      expectError(await client.send('GET', '/api/me', { token: session.accessToken }), 401, 'invalid_token')
      const login = await client.send('POST', '/api/auth/login', { json: { email: 'temp@example.com', password: 'password1' } })
      expect(login.status).toBe(401)
      const demo = await client.login()
      const claims = JSON.parse(Buffer.from(demo.accessToken.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number }
      expect(claims.exp - claims.iat).toBe(3600)
      expect(Math.abs(claims.iat * 1000 - Date.now())).toBeLessThan(5000)
    })

    it('advanceClock() refuses a negative value (400 over HTTP, InvalidMockControlError in process)', async () => {
      await expect(target().control.advanceClock(-1)).rejects.toMatchObject({ name: 'InvalidMockControlError' })
    })

    it.each([
      ['a negative TTL', { accessTtlMs: -5 }],
      ['an unknown key', { colour: 'red' }],
      ['a string latency', { latencyMs: '10' }],
    ])('configure() refuses %s', async (_, config) => {
      await expect(target().control.configure(config as never)).rejects.toMatchObject({ name: 'InvalidMockControlError' })
    })

    it.each([
      ['an unknown endpoint', 'signup', 500],
      ['an unknown kind', 'me', 418],
    ])('failNext() refuses %s', async (_, endpoint, kind) => {
      await expect(target().control.failNext(endpoint as never, kind as never)).rejects.toMatchObject({ name: 'InvalidMockControlError' })
    })

    it('stats() counts every call per endpoint', async () => {
      const client = target().client()
      const { accessToken } = await client.login()
      await client.refresh()
      await client.send('GET', '/api/me', { token: accessToken })
      await client.send('GET', '/api/posts', { token: accessToken })
      await client.send('POST', '/api/posts', { token: accessToken, json: { title: 'T', body: '' } })
      await client.send('POST', '/api/auth/logout')
      await client.send('POST', '/api/auth/signup', { json: {} })
      expect(await target().control.stats()).toEqual({
        refreshCalls: 1,
        refreshFailures: 0,
        familiesRevoked: 1,
        logins: 1,
        requestsByEndpoint: { signup: 1, login: 1, refresh: 1, logout: 1, reauthenticate: 0, me: 1, password: 0, posts: 2, sessions: 0, 'posts-stream': 0 },
        postsCreated: 1,
        refreshGraceReuses: 0,
        dpopRejected: 0,
        dpopNonceChallenges: 0,
        passwordHashes: 1,
        stepUpChallenges: 0,
        reauthentications: 0,
      })
    })

    it('configure({ latencyMs }) delays every API response', async () => {
      await target().control.configure({ latencyMs: 120 })
      const client = target().client()
      const started = performance.now()
      await client.send('GET', '/api/posts')
      expect(performance.now() - started).toBeGreaterThanOrEqual(110)
    })

    describe('failNext()', () => {
      it('"network": a connection error, then the endpoint works again', async () => {
        const client = target().client()
        const { accessToken } = await client.login()
        await target().control.failNext('me', 'network')
        await expect(client.send('GET', '/api/me', { token: accessToken })).rejects.toThrow()
        expect((await client.send('GET', '/api/me', { token: accessToken })).status).toBe(200)
      })

      it('"timeout": never answers', async () => {
        const client = target().client()
        const { accessToken } = await client.login()
        await target().control.failNext('posts', 'timeout')
        await expect(client.send('GET', '/api/posts', { token: accessToken, signal: AbortSignal.timeout(300) })).rejects.toThrow()
        expect((await client.send('GET', '/api/posts', { token: accessToken })).status).toBe(200)
      })

      it('500 and 429 (with Retry-After: 1) answer with JSON errors', async () => {
        const client = target().client()
        const { accessToken } = await client.login()
        await target().control.failNext('me', 500)
        await target().control.failNext('me', 429)
        expectError(await client.send('GET', '/api/me', { token: accessToken }), 500, 'internal_error')
        const limited = await client.send('GET', '/api/me', { token: accessToken })
        expect(limited.status).toBe(429)
        expect(limited.headers.get('retry-after')).toBe('1')
        expect((await client.send('GET', '/api/me', { token: accessToken })).status).toBe(200)
      })

      it('401 on refresh: invalid_refresh_token and the cookie cleared, but the same cookie works afterwards', async () => {
        const client = target().client()
        const { refreshToken } = await client.login()
        await target().control.failNext('refresh', 401)
        const refused = await client.refresh()
        expectError(refused, 401, 'invalid_refresh_token')
        expectClearedCookie(refused)
        expect((await client.refresh({ cookie: refreshToken })).status).toBe(200)
        expect(await target().control.stats()).toMatchObject({ refreshCalls: 2, refreshFailures: 1, familiesRevoked: 0 })
      })

      it('401 on me/posts: invalid_token with the challenge', async () => {
        const client = target().client()
        const { accessToken } = await client.login()
        await target().control.failNext('posts', 401)
        const response = await client.send('GET', '/api/posts', { token: accessToken })
        expectError(response, 401, 'invalid_token')
        expectChallenge(response, 'Bearer', { error: 'invalid_token' })
      })

      it('queues: times and later calls line up, each endpoint on its own', async () => {
        const client = target().client()
        const { accessToken } = await client.login()
        await target().control.failNext('me', 500, 2)
        await target().control.failNext('me', 429)
        const statuses = []
        for (let i = 0; i < 4; i++) statuses.push((await client.send('GET', '/api/me', { token: accessToken })).status)
        expect(statuses).toEqual([500, 500, 429, 200])
        expect((await client.send('GET', '/api/posts', { token: accessToken })).status).toBe(200)
      })

      it('injected login failures use nothing up: they do not count towards the rate limit', async () => {
        const client = target().client()
        await target().control.failNext('login', 401, 6)
        for (let i = 0; i < 6; i++) expectError(await client.send('POST', '/api/auth/login', { json: DEMO_USER }), 401, 'invalid_credentials')
        expect((await client.send('POST', '/api/auth/login', { json: DEMO_USER })).status).toBe(200)
        expect(await target().control.stats()).toMatchObject({ logins: 1, requestsByEndpoint: { login: 7 } })
      })

      it('an injected refresh failure leaves the token unused', async () => {
        const client = target().client()
        await client.login()
        await target().control.failNext('refresh', 500)
        expect((await client.refresh()).status).toBe(500)
        expect((await client.refresh()).status).toBe(200)
        expect(await target().control.stats()).toMatchObject({ refreshCalls: 2, refreshFailures: 1, familiesRevoked: 0 })
      })
    })
  })
}
