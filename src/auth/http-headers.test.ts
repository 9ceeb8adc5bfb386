import { describe, expect, it } from 'vitest'
import { bearerToken, isInvalidTokenChallenge, retryAfterMs } from './http-headers'

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

  it('extracts a Bearer token', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi')
    expect(bearerToken('Basic xyz')).toBeNull()
    expect(bearerToken(undefined)).toBeNull()
  })
})
