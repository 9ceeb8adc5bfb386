import { describe, expect, it } from 'vitest'
import { MAX_AUTOMATIC_RETRIES, retryPlan } from './retry-plan'

describe('the outbox retry plan', () => {
  it('waits for the connection when offline, without timers, however often it failed', () => {
    expect(retryPlan({ kind: 'offline' }, 1)).toEqual({ kind: 'when-online' })
    expect(retryPlan({ kind: 'offline' }, 50)).toEqual({ kind: 'when-online' })
  })

  it('tries a missing or troubled server again with doubling delays, capped at a minute', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((n) => retryPlan({ kind: 'server-trouble' }, n))
    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000].map((delayMs) => ({ kind: 'after', delayMs })))
    expect(retryPlan({ kind: 'unreachable' }, 1)).toEqual({ kind: 'after', delayMs: 2_000 })
  })

  it('stops trying by itself after a bounded number of attempts', () => {
    expect(retryPlan({ kind: 'server-trouble' }, MAX_AUTOMATIC_RETRIES)).toMatchObject({ kind: 'after' })
    expect(retryPlan({ kind: 'server-trouble' }, MAX_AUTOMATIC_RETRIES + 1)).toEqual({ kind: 'stop' })
  })

  it("honours the server's Retry-After, and does not wait by itself for a very long one", () => {
    expect(retryPlan({ kind: 'rate-limited', retryAfterSeconds: 30 }, 1)).toEqual({ kind: 'after', delayMs: 30_000 })
    expect(retryPlan({ kind: 'rate-limited', retryAfterSeconds: null }, 2)).toEqual({ kind: 'after', delayMs: 4_000 })
    expect(retryPlan({ kind: 'rate-limited', retryAfterSeconds: 3600 }, 1)).toEqual({ kind: 'stop' })
  })

  it('never sends again by itself what the server refused or what a session end stopped', () => {
    expect(retryPlan({ kind: 'rejected', reason: 'title must not be empty' }, 1)).toEqual({ kind: 'drop' })
    expect(retryPlan({ kind: 'session-ended' }, 1)).toEqual({ kind: 'drop' })
    expect(retryPlan({ kind: 'other' }, 1)).toEqual({ kind: 'drop' })
  })
})
