import { describe, expect, it } from 'vitest'
import type { AxiosResponse } from 'axios'
import { validateProfile } from './backend-profile'
import { createMemoryTokenStore, createTokenReader, decodeAccessToken, readAnswer } from './token'
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


async function readerAt(lifetimeS: number, marginMs: number) {
  let now = iat * 1000
  const store = createMemoryTokenStore(await accessToken({ iat, exp: iat + lifetimeS }))
  const reader = createTokenReader(store, () => now, marginMs)
  return { reader, store, at: (ms: number) => ((now = iat * 1000 + ms), reader.read()?.freshness) }
}

describe('createTokenReader', () => {
  it('is fresh until the margin before expiry, then expiring, then expired', async () => {
    const { at } = await readerAt(3600, 30_000)
    expect(at(0)).toBe('fresh')
    expect(at(3_569_999)).toBe('fresh')
    expect(at(3_570_000)).toBe('expiring')
    expect(at(3_599_999)).toBe('expiring')
    expect(at(3_600_000)).toBe('expired')
  })

  it('caps the margin at a third of the lifetime so 20-second tokens are used', async () => {
    const { at } = await readerAt(20, 30_000)
    expect(at(0)).toBe('fresh')
    expect(at(13_000)).toBe('fresh')
    expect(at(13_334)).toBe('expiring')
  })

  it('reads a malformed token, or none, as no token', async () => {
    const { reader, store } = await readerAt(3600, 30_000)
    store.set('not-a-jwt')
    expect(reader.read()).toBeNull()
    store.set(null)
    expect(reader.read()).toBeNull()
  })
})

describe('readAnswer: a JWT with exp and no iat, whose answer carries a Date past that exp (a proxy ahead of the issuer)', () => {
  const NOW = Date.parse('2026-12-06T12:00:00Z')
  const MINUTE = 60_000
  const profile = validateProfile({
    endpoints: { login: '/auth/login', refresh: '/auth/refresh', logout: '/auth/logout' },
    readTokenResponse: (body: unknown) => {
      const { access_token, expires_in } = body as { access_token: string; expires_in?: number }
      return { accessToken: access_token, ...(expires_in === undefined ? {} : { expiresIn: expires_in }) }
    },
  })
  const token = rawToken({ alg: 'HS256', typ: 'JWT' }, { sub: 'user-1', exp: (NOW + 15 * MINUTE) / 1000 })
  const answer = (data: object): AxiosResponse =>
    ({ status: 200, statusText: 'OK', headers: { date: new Date(NOW + 20 * MINUTE).toUTCString(), 'content-type': 'application/json' }, config: {}, data }) as unknown as AxiosResponse

  it('takes its life from expires_in: issued 15 minutes before its exp, not a second', () => {
    const read = readAnswer(profile, answer({ access_token: token, expires_in: 900 }), 'POST /auth/login', () => NOW, null)
    expect(read.decoded.expiresAt - read.decoded.issuedAt).toBe(15 * MINUTE)
  })

  it('without expires_in, does not believe a Date that makes it born expired: issued at the client\'s estimate of the server clock', () => {
    const read = readAnswer(profile, answer({ access_token: token }), 'POST /auth/login', () => NOW, null)
    expect(read.decoded.issuedAt).toBe(NOW)
    expect(read.decoded.expiresAt - read.decoded.issuedAt).toBe(15 * MINUTE)
  })
})
