import { describe, expect, it } from 'vitest'
import { decodeAccessToken } from './decode-token'
import { accessToken, rawToken } from '../../../../tests/support/tokens'

const iat = 1_700_000_000
const exp = iat + 3600

describe('decodeAccessToken', () => {
  it('reads the user and the times (in ms) of a well-formed access token', async () => {
    expect(decodeAccessToken(await accessToken({ iat, exp, sub: 'u-7' }))).toEqual({
      user: { id: 'u-7', email: 'demo@example.com', name: 'Demo User' },
      issuedAt: iat * 1000,
      expiresAt: exp * 1000,
      boundKey: null,
    })
  })

  it("exposes a DPoP-bound token's cnf.jkt as its bound key", () => {
    const bound = rawToken({ alg: 'HS256' }, { sub: 'u', typ: 'access', iat, exp, cnf: { jkt: 'thumb-1' } })
    expect(decodeAccessToken(bound)?.boundKey).toBe('thumb-1')
    const odd = rawToken({ alg: 'HS256' }, { sub: 'u', typ: 'access', iat, exp, cnf: { jkt: 42 } })
    expect(decodeAccessToken(odd)?.boundKey).toBeNull()
  })

  it.each([
    ['not a JWT at all', 'garbage'],
    ['an empty string', ''],
    ['three segments of nonsense', 'a.b.c'],
    ['a payload that is not JSON', `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.bm90IGpzb24.c2ln`],
    ['alg none', rawToken({ alg: 'none' }, { sub: 'u', typ: 'access', iat, exp }, '')],
    ['alg NONE', rawToken({ alg: 'NONE' }, { sub: 'u', typ: 'access', iat, exp })],
    ['no alg', rawToken({ typ: 'JWT' }, { sub: 'u', typ: 'access', iat, exp })],
    ['no exp', rawToken({ alg: 'HS256' }, { sub: 'u', typ: 'access', iat })],
    ['exp as a string', rawToken({ alg: 'HS256' }, { sub: 'u', typ: 'access', iat, exp: String(exp) })],
    ['no iat', rawToken({ alg: 'HS256' }, { sub: 'u', typ: 'access', exp })],
    ['no sub', rawToken({ alg: 'HS256' }, { typ: 'access', iat, exp })],
    ['a refresh token', rawToken({ alg: 'HS256' }, { sub: 'u', typ: 'refresh', iat, exp, fam: 'f' })],
    ['no typ', rawToken({ alg: 'HS256' }, { sub: 'u', iat, exp })],
    ['exp before iat', rawToken({ alg: 'HS256' }, { sub: 'u', typ: 'access', iat, exp: iat - 1 })],
  ])('treats %s as no token', (_label, token) => {
    expect(decodeAccessToken(token)).toBeNull()
  })
})
