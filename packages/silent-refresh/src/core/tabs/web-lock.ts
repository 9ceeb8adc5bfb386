import type { LockBounds, TabLock } from './tab-lock'
import { settledWithin, systemTimers, type TabTimers } from './timers'

/** The part of `navigator.locks` the coordinator uses: the real one fits, tests use an in-process fake. */
export interface TabLocks {
  request<T>(name: string, options: LockOptions, callback: (lock: Lock | null) => T): Promise<T>
}

/**
 * A tab lock over the Web Locks API (`navigator.locks`), which releases a dead tab's lock by itself.
 * A live holder lets go after `holdTimeoutMs` even if its task hangs. A holder that cannot (its page frozen)
 * is stolen from: the waiters that time out elect one rescuer (the one that gets `<name>:rescue`), which
 * takes the lock with `steal`, while the others queue behind it again, so they still go one at a time.
 */
export function createWebLock(
  locks: TabLocks,
  name: string,
  { holdTimeoutMs, waitTimeoutMs }: LockBounds,
  timers: TabTimers = systemTimers,
): TabLock {
  const rescueName = `${name}:rescue`

  /** Queues for the lock for at most the wait bound; true when it timed out before the lock was granted. */
  async function queue(hold: () => Promise<void>): Promise<boolean> {
    const wait = new AbortController()
    const timer = timers.setTimeout(() => wait.abort(new DOMException('The wait for the tab lock timed out', 'TimeoutError')), waitTimeoutMs)
    try {
      await locks.request(name, { signal: wait.signal }, hold)
      return false
    } catch {
      // Either the wait timed out, or (after the grant) another tab stole the lock and our task goes on.
      return wait.signal.aborted
    } finally {
      timers.clearTimeout(timer)
    }
  }

  async function rescue(hold: () => Promise<void>): Promise<void> {
    try {
      await locks.request(rescueName, { ifAvailable: true }, async (rescuer) => {
        if (rescuer) await locks.request(name, { steal: true }, hold)
        else await queue(hold)
      })
    } catch {
      // Stolen from in turn: a task that started goes on.
    }
  }

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      const held: { running?: Promise<T> } = {}
      const hold = () => {
        held.running = Promise.resolve().then(task)
        return settledWithin(held.running, holdTimeoutMs, timers)
      }
      const timedOut = await queue(hold)
      if (timedOut && !held.running) await rescue(hold)
      return held.running ?? Promise.resolve().then(task)
    },
  }
}
