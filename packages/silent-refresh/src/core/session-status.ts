/** Where the app stands with the session. `ended` means it ended while in use (refresh refused). */
export type SessionStatus = 'unknown' | 'restoring' | 'authenticated' | 'anonymous' | 'ended'

/** The status-level meaning of a session event (see `session-model.ts`). */
export type StatusChange =
  | { type: 'restore-started' }
  | { type: 'restore-finished'; hasSession: boolean }
  | { type: 'signed-in' }
  | { type: 'signed-out' }
  | { type: 'session-ended' }

/** Every status transition in one place. Changes that do not apply leave the status as it is. */
export function nextStatus(status: SessionStatus, change: StatusChange): SessionStatus {
  switch (change.type) {
    case 'restore-started':
      return status === 'unknown' ? 'restoring' : status
    case 'restore-finished':
      // A login that finished during the restore has already decided.
      if (status !== 'restoring') return status
      return change.hasSession ? 'authenticated' : 'anonymous'
    case 'signed-in':
      return 'authenticated'
    case 'signed-out':
      return 'anonymous'
    case 'session-ended':
      // Only a session the person was using can end; before that there was none to lose.
      if (status === 'authenticated') return 'ended'
      return status === 'ended' ? 'ended' : 'anonymous'
  }
}
