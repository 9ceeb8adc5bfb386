import { describe, expect, it } from 'vitest'
import { authorizationHeaders, sentAccessToken, isInvalidTokenChallenge, retryAfterMs } from './http'

describe('http header helpers', () => {
  it('recognises the RFC 6750 invalid_token challenge only', () => {
    expect(isInvalidTokenChallenge({ 'www-authenticate': 'Bearer realm="api", error="invalid_token", error_description="expired"' })).toBe(true)
    expect(isInvalidTokenChallenge({ 'www-authenticate': 'Bearer realm="api"' })).toBe(false)
    expect(isInvalidTokenChallenge({ 'www-authenticate': 'Bearer error="insufficient_scope"' })).toBe(false)
    expect(isInvalidTokenChallenge({})).toBe(false)
  })

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterMs({ 'retry-after': '7' }, 0)).toBe(7_000)
    expect(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 1970 00:00:30 GMT' }, 10_000)).toBe(20_000)
    expect(retryAfterMs({}, 0)).toBeNull()
  })

  it('reads the token a request was sent with, under either scheme', () => {
    expect(sentAccessToken('Bearer abc.def.ghi')).toBe('abc.def.ghi')
    expect(sentAccessToken('DPoP abc.def.ghi')).toBe('abc.def.ghi')
    expect(sentAccessToken('Basic xyz')).toBeNull()
    expect(sentAccessToken(undefined)).toBeNull()
  })

  it('sends Bearer without a proof and DPoP with one', () => {
    expect(authorizationHeaders('t')).toEqual({ Authorization: 'Bearer t' })
    expect(authorizationHeaders('t', 'proof')).toEqual({ Authorization: 'DPoP t', DPoP: 'proof' })
  })
})
