import type { AuthClient, AuthEvent, RefreshReason } from 'silent-refresh'

export interface RefreshTally {
  started: number
  succeeded: number
  failed: number
}

/** Refreshes since the app started, by why they ran. */
export type RefreshCounts = Record<RefreshReason, RefreshTally>

const EMPTY_TALLY: RefreshTally = { started: 0, succeeded: 0, failed: 0 }

export const NO_REFRESHES: RefreshCounts = {
  'before-request': EMPTY_TALLY,
  'after-401': EMPTY_TALLY,
  restore: EMPTY_TALLY,
  manual: EMPTY_TALLY,
  wake: EMPTY_TALLY,
}

/** Counts one refresh event; any other event leaves the counts as they are. */
export function countRefreshEvent(counts: RefreshCounts, event: AuthEvent): RefreshCounts {
  switch (event.type) {
    case 'refresh-start':
      return bump(counts, event.reason, 'started')
    case 'refresh-success':
      return bump(counts, event.reason, 'succeeded')
    case 'refresh-failure':
      return bump(counts, event.reason, 'failed')
    default:
      return counts
  }
}

function bump(counts: RefreshCounts, reason: RefreshReason, field: keyof RefreshTally): RefreshCounts {
  const tally = counts[reason]
  return { ...counts, [reason]: { ...tally, [field]: tally[field] + 1 } }
}

/** A client's refresh counts as an external store (`useSyncExternalStore`). */
export interface RefreshCounter {
  get(): RefreshCounts
  subscribe(listener: () => void): () => void
}

const counters = new WeakMap<AuthClient, RefreshCounter>()

/**
 * The refresh counter of `client`, counting from the first call: call it as the client is made, so the start-up
 * restore's refresh (before React) is counted too. Plain TypeScript: the page's first module may call it.
 */
export function refreshCounterOf(client: AuthClient): RefreshCounter {
  const known = counters.get(client)
  if (known) return known
  let counts = NO_REFRESHES
  const listeners = new Set<() => void>()
  client.onEvent((event) => {
    const next = countRefreshEvent(counts, event)
    if (next === counts) return
    counts = next
    for (const listener of listeners) listener()
  })
  const counter: RefreshCounter = {
    get: () => counts,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  counters.set(client, counter)
  return counter
}
