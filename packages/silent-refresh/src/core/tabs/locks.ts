import type { Timers } from '../types'

/*
 * The lock the tabs of one origin refresh under: Web Locks with bounded hold and wait (a frozen holder is stolen
 * from), or where they are missing a lease in `localStorage`. A guard, not a gate: never blocks for good.
 */

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

/** The part of `Timers` the locks run on: the wall clock the tabs share (leases expire by it) and timeouts. */
export type LockTimers = Pick<Timers, 'now' | 'setTimeout' | 'clearTimeout'>

/** The global clock and timers, looked up at each call (so a test's fake timers apply too). */
export const systemTimers: LockTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
}

/** Resolves after `ms`. */
export function sleep(ms: number, timers: LockTimers = systemTimers): Promise<void> {
  return new Promise((resolve) => void timers.setTimeout(resolve, ms))
}

/** Resolves (never rejects) when `promise` settles or after `ms`, whichever comes first. */
export function settledWithin(promise: Promise<unknown>, ms: number, timers: LockTimers = systemTimers): Promise<void> {
  return new Promise((resolve) => {
    const timer = timers.setTimeout(resolve, ms)
    const done = () => {
      timers.clearTimeout(timer)
      resolve()
    }
    promise.then(done, done)
  })
}

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
  timers: LockTimers = systemTimers,
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

/** The part of `localStorage` the lease uses. */
export interface LeaseStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export interface LeaseOptions extends LockBounds {
  /** The wall clock the tabs share (leases expire by it) and the timers to wait with. */
  timers: LockTimers
  /** How often a waiter looks at the lease again (jittered). Default 50 ms. */
  pollMs?: number
  /** How long a claimant waits before reading back whose claim won. Default 50 ms. */
  confirmMs?: number
}

interface Lease {
  owner: string
  expiresAt: number
}

function randomOwnerId(now: number): string {
  return `${now.toString(36)}-${Math.random().toString(36).slice(2)}`
}

/**
 * The fallback where there are no Web Locks: a lease in storage holding only an owner id and an expiry
 * (never a token). A claim is written, then read back after `confirmMs`: when two tabs claim at once the
 * last write wins and both see which. A dead or hung holder's lease simply expires after `holdTimeoutMs`.
 */
export function createLeaseLock(storage: LeaseStorage, key: string, options: LeaseOptions): TabLock {
  const { holdTimeoutMs, waitTimeoutMs, timers, pollMs = 50, confirmMs = 50 } = options
  const now = () => timers.now?.() ?? Date.now()
  const owner = randomOwnerId(now())

  function read(): Lease | null {
    try {
      const lease: unknown = JSON.parse(storage.getItem(key) ?? 'null')
      if (typeof lease !== 'object' || lease === null) return null
      const { owner, expiresAt } = lease as Record<string, unknown>
      return typeof owner === 'string' && typeof expiresAt === 'number' ? { owner, expiresAt } : null
    } catch {
      return null
    }
  }

  async function acquire(): Promise<boolean> {
    const giveUpAt = now() + waitTimeoutMs
    try {
      while (now() < giveUpAt) {
        const lease = read()
        if (!lease || lease.expiresAt <= now()) {
          storage.setItem(key, JSON.stringify({ owner, expiresAt: now() + holdTimeoutMs } satisfies Lease))
          await sleep(confirmMs, timers)
          if (read()?.owner === owner) return true
        }
        await sleep(pollMs * (0.5 + Math.random()), timers)
      }
    } catch {
      // Storage refused (quota, private mode): go on without the lease.
    }
    return false
  }

  function release(): void {
    try {
      if (read()?.owner === owner) storage.removeItem(key)
    } catch {
      // It expires by itself.
    }
  }

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      const held = await acquire()
      const running = Promise.resolve().then(task)
      if (held) void settledWithin(running, holdTimeoutMs, timers).then(release)
      return running
    },
  }
}
