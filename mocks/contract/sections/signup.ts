import { describe, expect, it } from 'vitest'
import { DEMO_USER } from '../../../packages/silent-refresh/src/testing/server/core/seed'
import { claimsOf, uniqueEmail, type ContractTarget } from '../harness'
import { DAY, HOUR, ISO_DATE, expectError, expectRefreshCookie, mockOnly } from '../expectations'

export function signupContract(target: () => ContractTarget) {
  describe('POST /api/auth/signup', () => {
    it('creates the account and signs in at once: 201 {accessToken, user} and a refresh cookie', async () => {
      const client = target().client()
      const email = uniqueEmail('New.Person')
      const response = await client.send('POST', '/api/auth/signup', { json: { email, name: 'New Person', password: 'long-enough' } })
      expect(response.status).toBe(201)
      const body = response.body as { accessToken: string; user: Record<string, unknown> }
      expect(body.user).toEqual({ id: expect.any(String), email, name: 'New Person', createdAt: expect.stringMatching(ISO_DATE) })
      expectRefreshCookie(response, (14 * DAY) / 1000)
      expect(claimsOf(body.accessToken)).toMatchObject({ sub: body.user.id, email, name: 'New Person', typ: 'access' })

      const me = await client.send('GET', '/api/me', { token: body.accessToken })
      expect(me.body).toEqual(body.user)
      expect(await target().control.stats()).toMatchObject({ logins: 1, requestsByEndpoint: { signup: 1 } })
    })

    it('issues HS256 tokens with the listed claims and lifetimes (1 h, 14 days)', async () => {
      const session = await target().client().signup({ email: uniqueEmail(), name: 'Claims', password: 'password1' })
      const access = claimsOf(session.accessToken)
      const refresh = claimsOf(session.refreshToken)
      expect(Object.keys(access).sort()).toEqual(['auth_time', 'email', 'exp', 'iat', 'jti', 'name', 'sid', 'sub', 'typ'])
      expect(access.sid).toBe(refresh.fam)
      expect(access.auth_time).toBe(access.iat)
      expect(Object.keys(refresh).sort()).toEqual(['exp', 'fam', 'iat', 'jti', 'sub', 'typ'])
      expect(access.exp - access.iat).toBe(HOUR / 1000)
      expect(refresh.exp - refresh.iat).toBe((14 * DAY) / 1000)
      expect(refresh).toMatchObject({ typ: 'refresh', sub: session.user.id })
      const header = JSON.parse(Buffer.from(session.accessToken.split('.')[0]!, 'base64url').toString()) as { alg: string }
      expect(header.alg).toBe('HS256')
    })

    it(mockOnly('refuses an email already taken, whatever its case: 409 email_taken'), async () => {
      const response = await target().client().send('POST', '/api/auth/signup', {
        json: { email: DEMO_USER.email.toUpperCase(), name: 'Twin', password: 'long-enough' },
      })
      expectError(response, 409, 'email_taken')
    })

    it.each([
      ['a missing email', { name: 'A', password: 'long-enough' }],
      ['a missing name', { email: 'a@example.com', password: 'long-enough' }],
      ['a missing password', { email: 'a@example.com', name: 'A' }],
      ['a bad email', { email: 'not-an-email', name: 'A', password: 'long-enough' }],
      ['an email with spaces', { email: 'a b@example.com', name: 'A', password: 'long-enough' }],
      ['a password of 7 characters', { email: 'a@example.com', name: 'A', password: 'short12' }],
      ['a password of 7 emoji (14 UTF-16 units)', { email: 'a@example.com', name: 'A', password: '🔑🔑🔑🔑🔑🔑🔑' }],
      ['a name over 100 characters', { email: 'a@example.com', name: 'n'.repeat(101), password: 'long-enough' }],
      ['a name of only white space', { email: 'a@example.com', name: '   ', password: 'long-enough' }],
      ['a number for a name', { email: 'a@example.com', name: 42, password: 'long-enough' }],
      ['null for a password', { email: 'a@example.com', name: 'A', password: null }],
    ])('refuses %s with 400 invalid_request and creates nothing', async (_, json) => {
      const client = target().client()
      expectError(await client.send('POST', '/api/auth/signup', { json }), 400, 'invalid_request')
      const login = await client.send('POST', '/api/auth/login', { json: { email: 'a@example.com', password: 'long-enough' } })
      expect(login.status).toBe(401)
      expect(await target().control.stats()).toMatchObject({ logins: 0 })
    })

    it(mockOnly('counts characters, not UTF-16 units: 8 emoji make a password, 100 emoji a name'), async () => {
      const response = await target().client().send('POST', '/api/auth/signup', {
        json: { email: uniqueEmail(), name: '😀'.repeat(100), password: '🔑'.repeat(8) },
      })
      expect(response.status).toBe(201)
    })
  })
}
