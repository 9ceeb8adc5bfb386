import type { SessionEndReason, TabMessage } from '../types'

/**
 * Where `BroadcastChannel` is missing: `localStorage` and the window's `storage` event (which fires in every other
 * tab of the origin when a key changes). Only the kind of a session change goes there, never a token.
 */
export interface NoticeStorage {
  storage: Pick<Storage, 'getItem' | 'setItem'>
  events: {
    addEventListener(type: 'storage', listener: (event: StorageEvent) => void): void
    removeEventListener(type: 'storage', listener: (event: StorageEvent) => void): void
  }
}

export const SESSION_NOTICE_KEY = 'silent-refresh:session-notice'

/** The last login, logout or session end of any tab: an id (so each is new) and its kind. */
interface Notice {
  id: string
  type: 'login' | 'logout' | 'session-end'
  reason?: Exclude<SessionEndReason, 'logout'>
}

function readNotice(raw: string | null): Notice | null {
  try {
    const value: unknown = JSON.parse(raw ?? 'null')
    if (typeof value !== 'object' || value === null) return null
    const { id, type, reason } = value as Record<string, unknown>
    if (typeof id !== 'string' || (type !== 'login' && type !== 'logout' && type !== 'session-end')) return null
    return type === 'session-end' ? { id, type, reason: reason === 'key-lost' || reason === 'refresh-lost' ? reason : 'refresh-refused' } : { id, type }
  } catch {
    return null
  }
}

/**
 * What a notice means for a tab that had the session before it: another tab's login replaced this browser's cookie,
 * so this tab's own login is gone (it never gets the new token: it signs out, and logs in or reloads to follow).
 */
function asMessage(notice: Notice): TabMessage {
  return notice.type === 'session-end' ? { type: 'session-end', reason: notice.reason! } : { type: 'logout' }
}

export interface StorageNotices {
  /** Tells the other tabs of a login, logout or session end (a token message is not carried). */
  publish(message: TabMessage): void
  /** The notices of the other tabs as they come; returns how to stop. */
  listen(deliver: (message: TabMessage) => void): () => void
  /** A notice this tab has not seen yet (it was frozen, or its event is still on the way), marked as seen. */
  unseen(): TabMessage | null
}

/** Logins, logouts and session ends through storage, and the last one a tab has seen (its "epoch"). */
export function createStorageNotices({ storage, events }: NoticeStorage): StorageNotices {
  const read = () => {
    try {
      return readNotice(storage.getItem(SESSION_NOTICE_KEY))
    } catch {
      return null
    }
  }
  let seen = read()?.id ?? null
  let counter = 0
  return {
    publish(message) {
      if (message.type === 'token') return
      const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${counter++}`
      const notice: Notice = message.type === 'session-end' ? { id, type: message.type, reason: message.reason ?? 'refresh-refused' } : { id, type: message.type }
      seen = id
      try {
        storage.setItem(SESSION_NOTICE_KEY, JSON.stringify(notice))
      } catch {
        // Storage refused: the other tabs still never race (the lock), they only miss this notice.
      }
    },
    listen(deliver) {
      const onStorage = (event: StorageEvent) => {
        if (event.key !== SESSION_NOTICE_KEY) return
        const notice = readNotice(event.newValue)
        if (!notice || notice.id === seen) return
        seen = notice.id
        deliver(asMessage(notice))
      }
      events.addEventListener('storage', onStorage)
      return () => events.removeEventListener('storage', onStorage)
    },
    unseen() {
      const notice = read()
      if (!notice || notice.id === seen) return null
      seen = notice.id
      return asMessage(notice)
    },
  }
}
