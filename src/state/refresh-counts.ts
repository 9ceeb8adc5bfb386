import type { AuthEvent, RefreshReason } from 'silent-refresh'

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
