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
    /**
     * Counts an attempt now, before its outcome is known, so that attempts in flight count against the limit too.
     * `release` takes it back (a success that should not count).
     */
    record(key: string, now: number): void {
      const times = [...recent(key, now), now].slice(-max)
      attempts.delete(key)
      if (attempts.size >= capacity) sweep(now)
      while (attempts.size >= capacity) attempts.delete(attempts.keys().next().value!)
      attempts.set(key, times)
    },
    /** Takes back one attempt recorded at `time` (a reserved attempt that succeeded); nothing if it is gone. */
    release(key: string, time: number): void {
      const times = attempts.get(key)
      const index = times?.lastIndexOf(time) ?? -1
      if (!times || index < 0) return
      times.splice(index, 1)
      if (times.length === 0) attempts.delete(key)
    },
    clear(key: string): void {
      attempts.delete(key)
    },
    /** Keys remembered now (expired ones included until the next sweep). */
    size: () => attempts.size,
    entries: (): LimiterEntries => structuredClone([...attempts]),
  }
}

/**
 * Requests per key in fixed windows (`windowMs`), bounded: at most `capacity` keys, expired windows forgotten first,
 * then the oldest. Cheap enough to sit in front of work that costs more (a DPoP proof's signature and its store).
 */
export function createRateCounter(options: { windowMs: number; capacity: number }) {
  const { windowMs, capacity } = options
  const windows = new Map<string, { start: number; count: number }>()
  return {
    /** Counts one request; the seconds until the key may send again when this one is over `max`, else undefined. */
    take(key: string, now: number, max: number): number | undefined {
      let window = windows.get(key)
      if (!window || window.start + windowMs <= now) {
        windows.delete(key)
        if (windows.size >= capacity) for (const [other, { start }] of windows) if (start + windowMs <= now) windows.delete(other)
        while (windows.size >= capacity) windows.delete(windows.keys().next().value!)
        window = { start: now, count: 0 }
        windows.set(key, window)
      }
      if (window.count >= max) return Math.max(1, Math.ceil((window.start + windowMs - now) / 1000))
      window.count++
      return undefined
    },
    size: () => windows.size,
  }
}

export type RateCounter = ReturnType<typeof createRateCounter>
