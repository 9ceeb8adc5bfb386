import { describe, expect, it } from 'vitest'
import { endTimeInWords, sameEnd, timeLeftInWords, warningPhase, WARNING_LEAD_MS } from './warning-timing'

describe('the warning before the session ends', () => {
  it('is due two minutes before the end, until the end', () => {
    const end = 1_000_000_000
    expect(warningPhase(null, end)).toBe('none')
    expect(warningPhase(end, end - WARNING_LEAD_MS - 1)).toBe('before')
    expect(warningPhase(end, end - WARNING_LEAD_MS)).toBe('warning')
    expect(warningPhase(end, end - 1)).toBe('warning')
    expect(warningPhase(end, end)).toBe('ended')
  })

  it('says the time left in words, per language, never shorter than it is', () => {
    expect(timeLeftInWords(120_000, 'en')).toBe('in 2 minutes')
    expect(timeLeftInWords(61_000, 'en')).toBe('in 2 minutes')
    expect(timeLeftInWords(45_200, 'en')).toBe('in 46 seconds')
    expect(timeLeftInWords(120_000, 'ko')).toBe('2분 후')
    expect(endTimeInWords(Date.UTC(2030, 0, 1, 23, 47), 'en')).toMatch(/\d{1,2}:47/)
  })

  it('treats two tabs’ estimates of one end as the same end', () => {
    expect(sameEnd(10_000, 12_000)).toBe(true)
    expect(sameEnd(10_000, 60_000)).toBe(false)
    expect(sameEnd(null, 10_000)).toBe(false)
  })
})
