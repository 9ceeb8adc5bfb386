import { describe, expect, it } from 'vitest'
import { createBackoff } from './backoff'

describe('createBackoff', () => {
  it('doubles the wait after each failure, up to the cap, on the given clock', () => {
    let now = 0
    const backoff = createBackoff(() => now, { baseMs: 1_000, maxMs: 8_000 })
    expect(backoff.retryAt()).toBe(0)
    const waits: number[] = []
    for (let i = 0; i < 6; i++) {
      backoff.failed()
      waits.push(backoff.retryAt() - now)
      now = backoff.retryAt()
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000])
  })

  it('honours a longer Retry-After, even beyond the cap', () => {
    const backoff = createBackoff(() => 100, { baseMs: 1_000, maxMs: 5_000 })
    backoff.failed(60_000)
    expect(backoff.retryAt()).toBe(60_100)
    backoff.failed(10)
    expect(backoff.retryAt()).toBe(2_100)
  })

  it('starts over after a success', () => {
    const backoff = createBackoff(() => 0)
    backoff.failed()
    backoff.failed()
    backoff.succeeded()
    expect(backoff.retryAt()).toBe(0)
    expect(backoff.failures()).toBe(0)
    backoff.failed()
    expect(backoff.retryAt()).toBe(1_000)
  })
})
