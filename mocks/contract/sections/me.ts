import { describe, expect, it } from 'vitest'
import { DEMO_USER } from '../../../packages/silent-refresh/src/testing/server/core/seed'
import { unsigned, withClaims, withHeader, type ContractTarget } from '../harness'
import { HOUR, ISO_DATE, expectChallenge, expectError, mockOnly } from '../expectations'

const INVALID_TOKEN_CHALLENGE = /^Bearer realm="api", error="invalid_token", error_description="[^"\\]+"$/

export function meContract(target: () => ContractTarget) {
  describe('GET /api/me', () => {
    it('answers the bare user object', async () => {
      const client = target().client()
      const session = await client.login()
      const response = await client.send('GET', '/api/me', { token: session.accessToken })
      expect(response.status).toBe(200)
      expect(response.body).toEqual({ id: session.user.id, email: DEMO_USER.email, name: DEMO_USER.name, createdAt: expect.stringMatching(ISO_DATE) })
    })

    it.each([
      ['no Authorization header', {}],
      ['another scheme', { Authorization: 'Basic ZGVtbzpkZW1v' }],
    ])('answers %s with 401 unauthorized and WWW-Authenticate: Bearer realm="api"', async (_, headers) => {
      const response = await target().client().send('GET', '/api/me', { headers })
      expectError(response, 401, 'unauthorized')
      expectChallenge(response, 'Bearer', { realm: 'api' }, ['error'])
    })

    it(mockOnly('words its challenges exactly as the mock does, parameters in its order'), async () => {
      const client = target().client()
      const session = await client.login()
      expect((await client.send('GET', '/api/me')).headers.get('www-authenticate')).toBe('Bearer realm="api"')
      const garbage = await client.send('GET', '/api/me', { token: 'garbage' })
      expect(garbage.headers.get('www-authenticate')).toMatch(INVALID_TOKEN_CHALLENGE)
      await target().control.advanceClock(HOUR)
      const expired = await client.send('GET', '/api/me', { token: session.accessToken })
      expect(expired.headers.get('www-authenticate')).toMatch(/error_description="The access token expired"/)
    })

    const invalid: Array<[string, (access: string, refresh: string) => string]> = [
      ['malformed', () => 'garbage'],
      ['badly signed', (access) => withClaims(access, { sub: 'someone-else' })],
      ['alg none', (access) => unsigned(access)],
      ['alg HS384 in the header', (access) => withHeader(access, { alg: 'HS384', typ: 'JWT' })],
      ['of the wrong typ (a refresh token)', (_, refresh) => refresh],
    ]
    it.each(invalid)('answers a %s token with 401 invalid_token and the RFC 6750 challenge', async (_, forge) => {
      const client = target().client()
      const session = await client.login()
      const response = await client.send('GET', '/api/me', { token: forge(session.accessToken, session.refreshToken) })
      expectError(response, 401, 'invalid_token')
      expectChallenge(response, 'Bearer', { error: 'invalid_token', error_description: /\S/ })
    })

    it('answers an access token an hour old with 401 invalid_token', async () => {
      const client = target().client()
      const session = await client.login()
      await target().control.advanceClock(HOUR)
      const response = await client.send('GET', '/api/me', { token: session.accessToken })
      expectError(response, 401, 'invalid_token')
      expectChallenge(response, 'Bearer', { error: 'invalid_token' })
    })
  })
}
