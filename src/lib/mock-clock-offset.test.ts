import { describe, expect, it } from 'vitest'
import { formatClockOffset } from './mock-clock-offset'

const SECOND = 1_000
const HOUR = 3_600_000
const DAY = 24 * HOUR

describe("the mock clock's lead, in the reader's language", () => {
  it.each([
    ['en', 15 * DAY + HOUR + 5 * SECOND, '+15 days 1 hour'],
    ['en', HOUR + SECOND, '+1 hour 1 second'],
    ['en', 0, '+0 seconds'],
    ['en', -2 * 60_000, '−2 minutes'],
    ['ko', 15 * DAY + HOUR, '+15일 1시간'],
    ['ko', HOUR + SECOND, '+1시간 1초'],
  ])('%s, %i ms: %s', (locale, ms, words) => {
    expect(formatClockOffset(ms, locale)).toBe(words)
  })
})
