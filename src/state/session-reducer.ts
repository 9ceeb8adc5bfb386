/** Where the app stands with the session. `ended` means it ended while in use (refresh refused). */
export type SessionStatus = 'unknown' | 'restoring' | 'authenticated' | 'anonymous' | 'ended'

export type SessionAction =
  | { type: 'restore-started' }
  | { type: 'restore-finished'; hasSession: boolean }
  | { type: 'signed-in' }
  | { type: 'signed-out' }
  | { type: 'session-ended' }

/** Every session transition in one place. Actions that do not apply leave the status as it is. */
export function sessionReducer(status: SessionStatus, action: SessionAction): SessionStatus {
  switch (action.type) {
    case 'restore-started':
      return status === 'unknown' ? 'restoring' : status
    case 'restore-finished':
      // A login that finished during the restore has already decided.
      if (status !== 'restoring') return status
      return action.hasSession ? 'authenticated' : 'anonymous'
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
