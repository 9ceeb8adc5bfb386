import type { LockBounds, TabLock } from './tab-lock'
import { settledWithin, sleep, type TabTimers } from './timers'

/** The part of `localStorage` the lease uses. */
export interface LeaseStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export interface LeaseOptions extends LockBounds {
  /** The wall clock the tabs share (leases expire by it) and the timers to wait with. */
  timers: TabTimers
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
  const now = timers.now
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
