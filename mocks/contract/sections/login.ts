import { describe, expect, it, vi } from 'vitest'
import { DEMO_USER } from '../../../packages/silent-refresh/src/testing/server/core/seed'
import { claimsOf, type ContractTarget } from '../harness'
import { DAY, MINUTE, SECOND, expectError, expectRefreshCookie, mockOnly } from '../expectations'

const wrong = { email: DEMO_USER.email, password: 'wrong-password' }

export function loginContract(target: () => ContractTarget) {
  describe('POST /api/auth/login', () => {
    it('answers 200 {accessToken, user} and a refresh cookie of a new family each time', async () => {
      const client = target().client()
      const response = await client.send('POST', '/api/auth/login', { json: DEMO_USER })
      expect(response.status).toBe(200)
      expect((response.body as { user: unknown }).user).toMatchObject({ email: DEMO_USER.email, name: DEMO_USER.name })
      expectRefreshCookie(response, (14 * DAY) / 1000)
      const again = await client.login()
      expect(claimsOf(again.refreshToken).fam).not.toBe(claimsOf(response.refreshCookie!.value).fam)
    })

    it(mockOnly('matches the email case-insensitively'), async () => {
      const session = await target().client().login({ email: 'Demo@Example.COM', password: DEMO_USER.password })
      expect(session.user.email).toBe(DEMO_USER.email)
    })

    it('gives the same 401 invalid_credentials for an unknown email and a wrong password', async () => {
      const client = target().client()
      const unknown = await client.send('POST', '/api/auth/login', { json: { email: 'nobody@example.com', password: DEMO_USER.password } })
      const wrongPassword = await client.send('POST', '/api/auth/login', { json: wrong })
      expectError(unknown, 401, 'invalid_credentials')
      expect({ status: wrongPassword.status, body: wrongPassword.body }).toEqual({ status: unknown.status, body: unknown.body })
      expect(unknown.refreshCookie).toBeUndefined()
    })

    it.each([
      ['no email', { password: 'x' }],
      ['no password', { email: DEMO_USER.email }],
      ['a number for the password', { email: DEMO_USER.email, password: 12345678 }],
      ['an empty email', { email: '', password: 'x' }],
    ])('refuses %s with 400 invalid_request', async (_, json) => {
      expectError(await target().client().send('POST', '/api/auth/login', { json }), 400, 'invalid_request')
    })

    describe('rate limit: 5 failures for one email within 15 minutes', () => {
      async function failFiveTimes(email: string = DEMO_USER.email) {
        const client = target().client()
        for (let i = 0; i < 5; i++) {
          expect((await client.send('POST', '/api/auth/login', { json: { email, password: 'wrong-password' } })).status).toBe(401)
        }
        return client
      }

      it('then refuses even the right password with 429 too_many_attempts and Retry-After in whole seconds', async () => {
        const client = await failFiveTimes()
        const response = await client.send('POST', '/api/auth/login', { json: DEMO_USER })
        expectError(response, 429, 'too_many_attempts')
        const retryAfter = Number(response.headers.get('retry-after'))
        expect(Number.isInteger(retryAfter)).toBe(true)
        expect(retryAfter).toBeGreaterThan(14 * 60)
        expect(retryAfter).toBeLessThanOrEqual(15 * 60)
        expect(await target().control.stats()).toMatchObject({ logins: 0 })
      })

      it(mockOnly('counts the email case-insensitively and unknown emails too'), async () => {
        const client = await failFiveTimes('Demo@Example.com')
        expect((await client.send('POST', '/api/auth/login', { json: DEMO_USER })).status).toBe(429)
        const ghost = await failFiveTimes('ghost@example.com')
        expect((await ghost.send('POST', '/api/auth/login', { json: { email: 'GHOST@example.com', password: 'x' } })).status).toBe(429)
      })

      it('limits only that email', async () => {
        const client = await failFiveTimes()
        const other = await client.send('POST', '/api/auth/signup', { json: { email: 'other@example.com', name: 'O', password: 'password1' } })
        expect(other.status).toBe(201)
        expect((await client.send('POST', '/api/auth/login', { json: { email: 'other@example.com', password: 'password1' } })).status).toBe(200)
      })

      it('counts down Retry-After on the mock clock and lets the login through once the oldest failure leaves the window', async () => {
        const client = await failFiveTimes()
        const first = Number((await client.send('POST', '/api/auth/login', { json: DEMO_USER })).headers.get('retry-after'))
        await target().control.advanceClock(5 * MINUTE)
        const later = Number((await client.send('POST', '/api/auth/login', { json: DEMO_USER })).headers.get('retry-after'))
        expect(first - later).toBeGreaterThanOrEqual(299)
        expect(first - later).toBeLessThanOrEqual(301)
        await target().control.advanceClock(later * SECOND)
        expect((await client.send('POST', '/api/auth/login', { json: DEMO_USER })).status).toBe(200)
      })

      // The attempt is counted before the password is hashed: guesses in flight count against the limit.
      it('holds under concurrency: of ten guesses at once only five are hashed, and a right password sent while they are in flight is refused', async () => {
        const client = target().client()
        const guesses = Promise.all(Array.from({ length: 9 }, () => client.send('POST', '/api/auth/login', { json: wrong })))
        // The nine have reached the server (and are being hashed); the right password comes now.
        await vi.waitFor(async () => expect((await target().control.stats()).requestsByEndpoint.login).toBe(9), { timeout: 5000, interval: 2 })
        const right = await client.send('POST', '/api/auth/login', { json: DEMO_USER })
        const statuses = (await guesses).map((response) => response.status)
        expectError(right, 429, 'too_many_attempts')
        expect(statuses.filter((status) => status === 401)).toHaveLength(5)
        expect(statuses.filter((status) => status === 429)).toHaveLength(4)
        expect(await target().control.stats()).toMatchObject({ logins: 0, passwordHashes: 5 })
      })

      it('forgets the failures after a successful login', async () => {
        const client = target().client()
        for (let i = 0; i < 4; i++) await client.send('POST', '/api/auth/login', { json: wrong })
        await client.login()
        for (let i = 0; i < 4; i++) await client.send('POST', '/api/auth/login', { json: wrong })
        expect((await client.send('POST', '/api/auth/login', { json: DEMO_USER })).status).toBe(200)
      })
    })
  })
}
