import { createLeaseLock, type LeaseStorage } from './lease-lock'
import { createStorageNotices, type NoticeStorage } from './storage-notices'
import { readTabMessage } from './tab-message'
import type { TabLock } from './tab-lock'
import { sleep, systemTimers, type TabTimers } from './timers'
import type { TabCoordinator, TabMessage } from './types'
import { createWebLock, type TabLocks } from './web-lock'

/** The part of a `BroadcastChannel` the coordinator uses. */
export interface TabChannel {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  close(): void
}

export interface TabCoordinatorOptions {
  /** `navigator.locks`. Without it, a lease in `storage`; without both, no lock across tabs. */
  locks?: TabLocks | null
  /** A same-origin `BroadcastChannel`: the only place the access token goes. Without it, tabs share nothing. */
  channel?: TabChannel | null
  /** `localStorage`, for the lease fallback only (an owner id and an expiry, never a token). */
  storage?: LeaseStorage | null
  /**
   * Without a `channel`: `localStorage` and the window, to carry logins, logouts and session ends (their kind only,
   * never a token) by the `storage` event. A tab checks it under the lock before refreshing, so a tab that missed a
   * logout or another login never presents its old token with the new login's cookie (the server would revoke it).
   */
  notices?: NoticeStorage | null
  /** Name of the lock and of the lease key. */
  lockName?: string
  /** The longest one tab holds the lock. Default 15 s: longer than the auth requests' default timeout (10 s). */
  holdTimeoutMs?: number
  /** The longest a tab waits behind a holder that does not let go (a frozen page). Default 30 s. */
  waitTimeoutMs?: number
  /**
   * After taking the lock, how long to let the previous holder's message (its new token) arrive before
   * looking: the lock grant and the channel message travel separately. Default 20 ms.
   */
  settleMs?: number
  /** The wall clock the tabs share (lease expiry) and the timers of the locks. The system's when omitted. */
  timers?: TabTimers
}

export const DEFAULT_TAB_LOCK_NAME = 'silent-refresh:refresh'

/**
 * Makes the coordinator an auth client uses to share one session with the other tabs of its origin:
 * a lock so that at most one tab refreshes at a time (Web Locks, else a storage lease), and a channel
 * for the refreshed token, logins, logouts and session ends. One per client; the client disposes it.
 *
 * @example
 * const coordinator = createTabCoordinator({ locks: navigator.locks, channel: new BroadcastChannel('auth'), storage: localStorage })
 * const client = createAuthClient({ baseURL: '/api', coordinator })
 */
export function createTabCoordinator(options: TabCoordinatorOptions = {}): TabCoordinator {
  const bounds = { holdTimeoutMs: options.holdTimeoutMs ?? 15_000, waitTimeoutMs: options.waitTimeoutMs ?? 30_000 }
  const name = options.lockName ?? DEFAULT_TAB_LOCK_NAME
  const settleMs = options.settleMs ?? 20
  const channel = options.channel ?? null
  let lock: TabLock | null = null
  const timers = options.timers ?? systemTimers
  if (options.locks) lock = createWebLock(options.locks, name, bounds, timers)
  else if (options.storage) lock = createLeaseLock(options.storage, name, { ...bounds, timers })

  // The channel is listened to only while someone subscribes: a coordinator nobody uses holds nothing.
  const listeners = new Set<(message: TabMessage) => void>()
  const deliver = (message: TabMessage) => {
    for (const listener of [...listeners]) listener(message)
  }
  const onMessage = (event: MessageEvent) => {
    const message = readTabMessage(event.data)
    if (message) deliver(message)
  }
  const notices = !channel && options.notices ? createStorageNotices(options.notices) : null
  let stopNotices: (() => void) | null = null
  const startListening = () => {
    channel?.addEventListener('message', onMessage)
    stopNotices = notices?.listen(deliver) ?? null
  }
  const stopListening = () => {
    channel?.removeEventListener('message', onMessage)
    stopNotices?.()
    stopNotices = null
  }

  return {
    withRefreshLock(task) {
      const caughtUp = () => {
        // A login or logout this tab has not heard of yet is applied before its refresh (which then does not run).
        const missed = listeners.size > 0 ? notices?.unseen() : null
        if (missed) deliver(missed)
        return task()
      }
      if (!lock) return caughtUp()
      return lock.run(async () => {
        if (channel) await sleep(settleMs, timers)
        return caughtUp()
      })
    },
    publish(message) {
      try {
        channel?.postMessage(message)
      } catch {
        // A closed channel (after dispose): nobody to tell.
      }
      notices?.publish(message)
    },
    subscribe(listener) {
      if (listeners.size === 0) startListening()
      listeners.add(listener)
      return () => {
        if (listeners.delete(listener) && listeners.size === 0) stopListening()
      }
    },
    dispose() {
      listeners.clear()
      stopListening()
      channel?.close()
    },
  }
}
