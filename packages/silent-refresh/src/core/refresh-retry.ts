import { isAxiosError } from 'axios'
import type { ClientTimers } from './options'
import type { RefreshOutcome } from './refresh-request'
import type { AuthEvent, RefreshReason } from './types'

export interface QuickRetryParts {
  /** The quick retry of one passing failure (`null`: none), its jitter, and how to wait. */
  retry: { minDelayMs: number; maxDelayMs: number } | null
  random(): number
  timers: Pick<ClientTimers, 'setTimeout'>
  /** Whether the browser says it is online: offline, a refresh fails fast and burns no backoff. */
  isOnline(): boolean
  emit(event: AuthEvent): void
}

type Unavailable = Extract<RefreshOutcome, { kind: 'unavailable' }>

/** A timeout already made the waiting requests wait the whole timeout: no second one. */
function timedOut(cause: unknown): boolean {
  return isAxiosError(cause) && (cause.code === 'ECONNABORTED' || cause.code === 'ETIMEDOUT')
}

/** The delay before retrying `outcome`, or null when it is not worth a quick retry. */
function retryDelay(outcome: Unavailable, parts: QuickRetryParts): number | null {
  const { retry } = parts
  // A timeout already cost the waiting requests the whole timeout; a 2xx/4xx answer was the server's last word.
  const passing = outcome.status === null || outcome.status >= 500 || outcome.status === 429
  if (!retry || !passing || timedOut(outcome.cause) || !parts.isOnline()) return null
  const jitter = retry.minDelayMs + Math.floor(parts.random() * (retry.maxDelayMs - retry.minDelayMs))
  if (outcome.retryAfterMs === null) return outcome.status === 429 ? null : jitter
  return outcome.retryAfterMs <= retry.maxDelayMs ? Math.max(jitter, outcome.retryAfterMs) : null
}

/**
 * Sends the refresh. One passing failure (a 500, a dropped connection, a lost answer) is sent again once, quickly,
 * inside the same refresh: the waiting requests never see it. A lost answer's retry gets the same cookie (the reuse
 * interval). `stillWanted(afterWait)` is asked before waiting and after (no session change; after, no newer token either).
 */
export async function sendWithQuickRetry(
  send: () => Promise<RefreshOutcome>,
  reason: RefreshReason,
  stillWanted: (afterWait: boolean) => boolean,
  parts: QuickRetryParts,
): Promise<RefreshOutcome> {
  const outcome = await send()
  const delayMs = outcome.kind === 'unavailable' ? retryDelay(outcome, parts) : null
  if (delayMs === null || !stillWanted(false)) return outcome
  parts.emit({ type: 'refresh-retry', reason, delayMs })
  await new Promise<void>((resolve) => void parts.timers.setTimeout(resolve, delayMs))
  return stillWanted(true) && parts.isOnline() ? send() : outcome
}
