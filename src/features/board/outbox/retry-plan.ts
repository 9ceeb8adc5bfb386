import type { RequestProblem } from '../../../lib/describe-request-error'

/** What the outbox does after a send failed. */
export type RetryPlan =
  /** Offline: nothing is tried until the browser is back online (no timers, no refreshes). */
  | { kind: 'when-online' }
  /** The server could not be reached or is in trouble: try again by itself after `delayMs`. */
  | { kind: 'after'; delayMs: number }
  /** Tried enough by itself: kept, sent again when the person asks or the connection comes back. */
  | { kind: 'stop' }
  /** Not the server's fault (the input was refused, the session ended): not sent again by itself. */
  | { kind: 'drop' }

export const RETRY_BASE_MS = 2_000
export const RETRY_MAX_MS = 60_000
/** A `Retry-After` longer than this is not waited for by itself. */
export const RETRY_AFTER_CAP_MS = 5 * 60_000
/** Automatic attempts after the first failure, before the outbox stops trying by itself. */
export const MAX_AUTOMATIC_RETRIES = 6

/** Whether a failure is one the outbox keeps the post for (no server, or a server in trouble). */
export function isTransient(problem: RequestProblem): boolean {
  return problem.kind === 'offline' || problem.kind === 'unreachable' || problem.kind === 'server-trouble' || problem.kind === 'rate-limited'
}

/**
 * The next step after failure number `failures` (1 for the first): offline waits for the connection; a missing or
 * troubled server is tried again with doubling delays (2 s … 60 s), honouring `Retry-After`, a bounded number of times.
 */
export function retryPlan(problem: RequestProblem, failures: number): RetryPlan {
  if (!isTransient(problem)) return { kind: 'drop' }
  if (problem.kind === 'offline') return { kind: 'when-online' }
  if (failures > MAX_AUTOMATIC_RETRIES) return { kind: 'stop' }
  const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (failures - 1))
  if (problem.kind === 'rate-limited' && problem.retryAfterSeconds !== null) {
    const wait = problem.retryAfterSeconds * 1000
    return wait > RETRY_AFTER_CAP_MS ? { kind: 'stop' } : { kind: 'after', delayMs: Math.max(wait, RETRY_BASE_MS) }
  }
  return { kind: 'after', delayMs: backoff }
}
