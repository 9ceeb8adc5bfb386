import { describe, expect, it } from 'vitest'
import { formatCountdown } from './format-countdown'

describe('formatCountdown', () => {
  it.each([
    [0, '0:00'],
    [-5000, '0:00'],
    [1, '0:01'],
    [9_000, '0:09'],
    [247_000, '4:07'],
    [3_600_000, '1:00:00'],
    [3_909_000, '1:05:09'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text)
  })
})
