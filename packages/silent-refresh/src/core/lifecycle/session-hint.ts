import type { SessionSnapshot } from '../types'
import type { MarkStorage } from './pending-logout'

/** The key of the "may have a session" hint in `localStorage`: `1` or absent. Never a token. */
export const SESSION_HINT_KEY = 'session-hint'

/**
 * Whether this origin may have a session to restore: set when a session starts (login, signup, restore, another
 * tab), cleared when one ends or a restore finds none. Without it, start-up makes no refresh call at all (a first
 * visit asks nothing and logs nothing). It says nothing secret: the HttpOnly cookie still decides.
 */
export interface SessionHint {
  mayHaveSession(): boolean
  set(): void
  clear(): void
}

export function createSessionHint(storage: MarkStorage): SessionHint {
  return {
    mayHaveSession: () => safely(() => storage.getItem(SESSION_HINT_KEY) === '1', true),
    set: () => safely(() => storage.setItem(SESSION_HINT_KEY, '1'), undefined),
    clear: () => safely(() => storage.removeItem(SESSION_HINT_KEY), undefined),
  }
}

/** Keeps the hint in step with the session: set when one began, cleared when there is none. */
export function hintFollowsStatus(
  subscribe: (listener: (now: SessionSnapshot, before: SessionSnapshot) => void) => () => void,
  hint: SessionHint,
): () => void {
  return subscribe((now, before) => {
    if (now.status === before.status) return
    if (now.status === 'authenticated') hint.set()
    else if (now.status === 'anonymous' || now.status === 'ended') hint.clear()
  })
}

/** Where no hint is kept (Node, or `sessionHint: false`): every start-up asks the server. */
export const ALWAYS_RESTORE: SessionHint = { mayHaveSession: () => true, set: () => undefined, clear: () => undefined }

/** Whether the hint is on by default: where the browser's `localStorage` exists. */
export function browserHasStorage(): boolean {
  return safely(() => globalThis.localStorage !== undefined, false)
}

function safely<T>(run: () => T, fallback: T): T {
  try {
    return run()
  } catch {
    return fallback
  }
}
