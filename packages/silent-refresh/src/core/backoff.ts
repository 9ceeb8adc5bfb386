/**
 * Capped exponential backoff for automatic refreshes after failures, on the client's clock:
 * no timers, a refresh simply is not attempted before `retryAt()`.
 */
export interface Backoff {
  /** Records a failure; `minDelayMs` (from `Retry-After`) wins when longer than the backoff step. */
  failed(minDelayMs?: number): void
  succeeded(): void
  /** Client time (ms) before which no automatic refresh is attempted; 0 when none failed. */
  retryAt(): number
  /** Consecutive failures since the last success. */
  failures(): number
}

export interface BackoffOptions {
  /** First delay after a failure. Default 1 s. */
  baseMs?: number
  /** The longest delay. Default 30 s. */
  maxMs?: number
}

export function createBackoff(now: () => number, { baseMs = 1_000, maxMs = 30_000 }: BackoffOptions = {}): Backoff {
  let failures = 0
  let retryAt = 0
  return {
    failed(minDelayMs = 0) {
      const step = Math.min(maxMs, baseMs * 2 ** failures)
      failures += 1
      retryAt = now() + Math.max(step, minDelayMs)
    },
    succeeded() {
      failures = 0
      retryAt = 0
    },
    retryAt: () => retryAt,
    failures: () => failures,
  }
}
