import { describe, expect, it } from 'vitest'
import { createAttemptLimiter } from '../../packages/silent-refresh/src/testing/server/core/limiter'
import { createDatabase } from '../../packages/silent-refresh/src/testing/server/core/database'
import { createSeenProofs, DPOP_NONCE_TTL_MS } from '../../packages/silent-refresh/src/testing/server/core/dpop'

const MINUTE = 60_000

describe('the attempt limiter: bounded and expiring memory', () => {
  it('limits a key after max attempts within the window, with Retry-After until the oldest counted one leaves', () => {
    const limiter = createAttemptLimiter({ windowMs: 15 * MINUTE, max: 3, capacity: 10 })
    for (const at of [0, MINUTE, 2 * MINUTE]) limiter.record('a', at)
    expect(limiter.retryAfterSeconds('a', 3 * MINUTE)).toBe(12 * 60)
    expect(limiter.retryAfterSeconds('b', 3 * MINUTE)).toBeUndefined()
    expect(limiter.retryAfterSeconds('a', 15 * MINUTE)).toBeUndefined()
  })

  it('keeps at most `max` times per key and at most `capacity` keys, dropping the oldest first', () => {
    const limiter = createAttemptLimiter({ windowMs: 15 * MINUTE, max: 5, capacity: 100 })
    for (let i = 0; i < 500; i++) limiter.record(`${'x'.repeat(1000)}-${i}@example.com`, i)
    for (let i = 0; i < 50; i++) limiter.record('same', 1000 + i)
    expect(limiter.size()).toBe(100)
    expect(limiter.entries().find(([key]) => key === 'same')?.[1]).toHaveLength(5)
    expect(limiter.entries().some(([key]) => key.endsWith('-0@example.com'))).toBe(false)
  })

  it('forgets keys whose attempts have all left the window', () => {
    const limiter = createAttemptLimiter({ windowMs: 15 * MINUTE, max: 5, capacity: 3 })
    for (const key of ['a', 'b', 'c']) limiter.record(key, 0)
    limiter.record('d', 16 * MINUTE)
    expect(limiter.entries().map(([key]) => key)).toEqual(['d'])
  })

  it('is what the database keeps for failed logins and clients, and survives a snapshot', () => {
    const db = createDatabase()
    db.loginFailures.record('hash', 1)
    db.clientFailures.record('127.0.0.1', 1)
    const restored = createDatabase(db.snapshot())
    expect(restored.loginFailures.entries()).toEqual([['hash', [1]]])
    expect(restored.clientFailures.entries()).toEqual([['127.0.0.1', [1]]])
  })
})

describe('DPoP proof jti memory', () => {
  const proof = (jti: string, until: number, jkt = 'key-1') => ({ jkt, jti, until })

  it('refuses a jti while its window is open, forgets it after, and scopes jtis per key', () => {
    const seen = createSeenProofs()
    expect(seen.remember(proof('a', 100), 0, 10)).toEqual({ outcome: 'fresh' })
    expect(seen.remember(proof('a', 100), 99, 10)).toEqual({ outcome: 'replay' })
    expect(seen.remember(proof('a', 100, 'key-2'), 99, 10)).toEqual({ outcome: 'fresh' })
    expect(seen.remember(proof('a', 300), 100, 10)).toEqual({ outcome: 'fresh' })
  })

  it('never drops a proof inside its window to make room: full is full until the earliest window closes', () => {
    const seen = createSeenProofs()
    for (const jti of ['a', 'b', 'c']) expect(seen.remember(proof(jti, DPOP_NONCE_TTL_MS + (jti === 'b' ? 0 : 5000)), 0, 3).outcome).toBe('fresh')
    expect(seen.remember(proof('d', DPOP_NONCE_TTL_MS), 10, 3)).toEqual({ outcome: 'full', retryAfterSeconds: Math.ceil((DPOP_NONCE_TTL_MS - 10) / 1000) })
    expect(seen.remember(proof('a', DPOP_NONCE_TTL_MS + 5000), 20, 3)).toEqual({ outcome: 'replay' })
    expect(seen.size()).toBe(3)
    // 'b' leaves when its window closes, and only 'b'.
    expect(seen.remember(proof('d', 2 * DPOP_NONCE_TTL_MS), DPOP_NONCE_TTL_MS, 3)).toEqual({ outcome: 'fresh' })
    expect(seen.remember(proof('e', 2 * DPOP_NONCE_TTL_MS), DPOP_NONCE_TTL_MS, 3).outcome).toBe('full')
    expect(seen.remember(proof('a', DPOP_NONCE_TTL_MS + 5000), DPOP_NONCE_TTL_MS, 3)).toEqual({ outcome: 'replay' })
  })
})
