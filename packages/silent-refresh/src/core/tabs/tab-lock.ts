/** A lock shared by the tabs of one origin, around a task. */
export interface TabLock {
  /**
   * Runs `task` holding the lock when it can be had within the bounds, else without it (a guard, not a gate:
   * a frozen or dead tab must never stop the others for good). Resolves or rejects as the task does.
   */
  run<T>(task: () => Promise<T>): Promise<T>
}

export interface LockBounds {
  /** The longest a tab holds the lock, even if its task has not settled yet. */
  holdTimeoutMs: number
  /** The longest a tab waits for a holder that does not let go within its own bound (a frozen tab). */
  waitTimeoutMs: number
}
