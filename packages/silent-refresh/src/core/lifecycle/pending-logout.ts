/** The key of the pending-logout mark in `localStorage`: shared by the origin's tabs, kept across restarts. */
export const PENDING_LOGOUT_KEY = 'auth:pending-logout'

export type MarkStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/**
 * A logout the server has not confirmed. Only a flag and the time it was asked for are kept (never a token):
 * the HttpOnly cookie itself is what the pending logout revokes.
 */
export interface PendingLogoutMark {
  isPending(): boolean
  mark(at: number): void
  clear(): void
}

export function createPendingLogoutMark(storage: MarkStorage): PendingLogoutMark {
  return {
    isPending: () => safely(() => storage.getItem(PENDING_LOGOUT_KEY) !== null, false),
    mark: (at) => safely(() => storage.setItem(PENDING_LOGOUT_KEY, JSON.stringify({ since: at })), undefined),
    clear: () => safely(() => storage.removeItem(PENDING_LOGOUT_KEY), undefined),
  }
}

/** `localStorage` where there is one (a browser), else memory (Node, or storage that throws: private modes, quotas). */
export function defaultMarkStorage(): MarkStorage {
  const local = safely(() => globalThis.localStorage, undefined)
  if (local) return local
  const items = new Map<string, string>()
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  }
}

function safely<T>(run: () => T, fallback: T): T {
  try {
    return run()
  } catch {
    return fallback
  }
}
