import { describe, expect, it } from 'vitest'
import { createClockSkew } from './clock-skew'

describe('createClockSkew', () => {
  it('assumes no skew until a server time is observed', () => {
    const skew = createClockSkew(() => 5_000)
    expect(skew.serverNow()).toBe(5_000)
  })

  it.each([
    ['ten minutes behind', -600_000],
    ['ten minutes ahead', 600_000],
  ])('follows a server clock %s', (_label, offset) => {
    let clientNow = 1_700_000_000_000
    const skew = createClockSkew(() => clientNow)
    skew.observe({ issuedAt: clientNow + offset, date: null })
    clientNow += 42_000
    expect(skew.serverNow()).toBe(clientNow + offset)
  })

  it('takes the later of iat and Date, both being lower bounds of the server time', () => {
    const skew = createClockSkew(() => 10_000)
    skew.observe({ issuedAt: 70_000, date: 71_000 })
    expect(skew.serverNow() - 10_000).toBe(61_000)
    skew.observe({ issuedAt: 80_000, date: null })
    expect(skew.serverNow() - 10_000).toBe(70_000)
  })

  it('ignores an observation with no usable time', () => {
    const skew = createClockSkew(() => 0)
    skew.observe({ issuedAt: 5_000, date: null })
    skew.observe({ issuedAt: null, date: Number.NaN })
    expect(skew.serverNow()).toBe(5_000)
    expect(skew.toClientTime(5_000)).toBe(0)
  })
})
