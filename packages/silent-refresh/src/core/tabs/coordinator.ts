import type { DecodedAccessToken, TabCoordinator, TabMessage, Timers } from '../types'
import { createStorageNotices, type NoticeStorage } from './storage-notices'
import { createLeaseLock, createWebLock, sleep, systemTimers, type LeaseStorage, type TabLock, type TabLocks } from './locks'

/*
 * Many tabs, one session: the coordinator (the origin-wide refresh lock and the `BroadcastChannel`), the browser's
 * own one, and the messages the tabs tell each other, checked on arrival.
 */

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
  timers?: Pick<Timers, 'now' | 'setTimeout' | 'clearTimeout'>
}

export const DEFAULT_TAB_LOCK_NAME = 'silent-refresh:refresh'

/**
 * Makes the coordinator an auth client uses (`createBrowserTabCoordinator()` makes it over the browser's own parts) to share one session with the other tabs of its origin:
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

/**
 * Reads a message from another tab, or `null` for anything that is not one of ours (another app on the
 * same channel name, an older version of this one): the channel is same-origin, not typed.
 */
export function readTabMessage(data: unknown): TabMessage | null {
  if (typeof data !== 'object' || data === null) return null
  const { type, token, serverTime, sessionExpiresAt, reason, decoded } = data as Record<string, unknown>
  switch (type) {
    case 'token':
    case 'login': {
      if (typeof token !== 'string' || typeof serverTime !== 'number' || !Number.isFinite(serverTime)) return null
      const facts = readDecoded(decoded)
      // An older tab sends none: leave it out rather than refuse the token.
      return {
        type,
        token,
        serverTime,
        ...(typeof sessionExpiresAt === 'number' && Number.isFinite(sessionExpiresAt) ? { sessionExpiresAt } : {}),
        ...(facts ? { decoded: facts } : {}),
      }
    }
    case 'logout':
      return { type }
    case 'session-end':
      return reason === 'key-lost' || reason === 'refresh-lost' ? { type, reason } : { type, reason: 'refresh-refused' }
    default:
      return null
  }
}

/** What another tab's answer said of an opaque token (expiry, issue time, user, bound key), or null when it is not that. */
function readDecoded(value: unknown): DecodedAccessToken | null {
  if (typeof value !== 'object' || value === null) return null
  const { user, expiresAt, issuedAt, boundKey } = value as Record<string, unknown>
  const times = [expiresAt, issuedAt].every((time) => typeof time === 'number' && Number.isFinite(time))
  if (!times || (boundKey !== null && typeof boundKey !== 'string') || typeof user !== 'object' || user === null) return null
  const { id, email, name } = user as Record<string, unknown>
  if (typeof id !== 'string' || typeof email !== 'string' || typeof name !== 'string') return null
  return { user: { id, email, name }, expiresAt: expiresAt as number, issuedAt: issuedAt as number, boundKey: boundKey as string | null }
}

const DEFAULT_TAB_CHANNEL_NAME = 'silent-refresh:session'

function localStorageOrNull(): LeaseStorage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    // Reading `localStorage` throws where storage is blocked.
    return null
  }
}

/** A `BroadcastChannel` opened on first use: a coordinator made and never used (StrictMode) opens nothing. */
function lazyBroadcastChannel(name: string): TabChannel {
  let channel: BroadcastChannel | null = null
  const open = () => (channel ??= new BroadcastChannel(name))
  return {
    postMessage: (message) => open().postMessage(message),
    addEventListener: (type, listener) => open().addEventListener(type, listener),
    removeEventListener: (type, listener) => channel?.removeEventListener(type, listener),
    close: () => channel?.close(),
  }
}

/**
 * A tab coordinator over the browser's own `navigator.locks`, `BroadcastChannel` and `localStorage` (the lease where
 * Web Locks are missing; the notices of logins and logouts where `BroadcastChannel` is), each used when present.
 *
 * @example
 * const client = createAuthClient({ baseURL: '/api', coordinator: createBrowserTabCoordinator() })
 */
export function createBrowserTabCoordinator(
  options: Omit<TabCoordinatorOptions, 'locks' | 'channel' | 'storage'> & { channelName?: string } = {},
): TabCoordinator {
  const { channelName = DEFAULT_TAB_CHANNEL_NAME, ...rest } = options
  const locks = globalThis.navigator?.locks ?? null
  const channel = typeof BroadcastChannel === 'function' ? lazyBroadcastChannel(channelName) : null
  const storage = localStorageOrNull()
  return createTabCoordinator({
    ...rest,
    locks,
    channel,
    storage: locks ? null : storage,
    // Without a channel, logins and logouts still reach the other tabs (their kind, never a token).
    notices: !channel && storage && typeof window !== 'undefined' ? { storage, events: window } : null,
  })
}
