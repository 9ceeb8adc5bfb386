/** What a limiter keeps: key → times of recent attempts (epoch ms, oldest first). Plain JSON. */
export type LimiterEntries = Array<[string, number[]]>

export interface AttemptLimiterOptions {
  windowMs: number
  /** Attempts within the window after which the key is limited. */
  max: number
  /** Keys remembered at most; past it, expired keys go first, then the oldest. */
  capacity: number
}

export type AttemptLimiter = ReturnType<typeof createAttemptLimiter>

/**
 * Counts attempts per key in a sliding window, with bounded memory: at most `max` times per key, at most
 * `capacity` keys, and keys whose attempts have all left the window are forgotten.
 */
export function createAttemptLimiter(options: AttemptLimiterOptions, entries: LimiterEntries = []) {
  const { windowMs, max, capacity } = options
  const attempts = new Map<string, number[]>(entries)

  function recent(key: string, now: number): number[] {
    const times = (attempts.get(key) ?? []).filter((time) => time > now - windowMs)
    if (times.length > 0) attempts.set(key, times)
    else attempts.delete(key)
    return times
  }

  function sweep(now: number): void {
    for (const key of [...attempts.keys()]) recent(key, now)
  }

  return {
    /** Seconds until the key may try again, or undefined when it is not limited. */
    retryAfterSeconds(key: string, now: number): number | undefined {
      const times = recent(key, now)
      if (times.length < max) return undefined
      const oldestCounted = times[times.length - max]!
      return Math.max(1, Math.ceil((oldestCounted + windowMs - now) / 1000))
    },
    record(key: string, now: number): void {
      const times = [...recent(key, now), now].slice(-max)
      attempts.delete(key)
      if (attempts.size >= capacity) sweep(now)
      while (attempts.size >= capacity) attempts.delete(attempts.keys().next().value!)
      attempts.set(key, times)
    },
    clear(key: string): void {
      attempts.delete(key)
    },
    /** Keys remembered now (expired ones included until the next sweep). */
    size: () => attempts.size,
    entries: (): LimiterEntries => structuredClone([...attempts]),
  }
}
