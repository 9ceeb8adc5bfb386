import { NotAuthenticatedError, SessionExpiredError } from '../errors'
import type { Refresh } from '../refresh'
import type { SessionModel } from '../session'
import type { RestoreOptions, SessionSnapshot } from '../types'
import type { MarkStorage, PendingLogoutMark } from './logout'

export interface RestoreParts {
  session: SessionModel
  refresh: Refresh
  pendingLogout: PendingLogoutMark
  finishPendingLogout(): Promise<boolean>
  hint: SessionHint
}

/**
 * `restore()`: one refresh from the cookie at start-up, shared by every caller while it runs (the early start
 * in the page's first module and the app's provider get the same promise). A pending logout comes first; without
 * the "may have a session" hint nothing is asked (a first visit makes no refresh call). A refresh started before the
 * client existed (`startedRefresh`) is that one refresh: its answer is adopted, nothing is sent again.
 */
export function createRestore(parts: RestoreParts): (options?: RestoreOptions) => Promise<boolean> {
  const { session, refresh } = parts
  const { tokens } = session
  let running: Promise<boolean> | null = null

  async function restore(started: RestoreOptions['startedRefresh']): Promise<boolean> {
    session.dispatch({ type: 'restore-started' })
    // A logout the server never heard comes first: otherwise the cookie would sign the person back in.
    // Sent or not, the person wanted out: nothing is restored.
    if (parts.pendingLogout.isPending()) {
      await parts.finishPendingLogout()
      session.dispatch({ type: 'restore-finished', hasSession: false })
      return false
    }
    const pending = refresh.inflight()
    if (!pending && !started && !tokens.read() && !parts.hint.mayHaveSession()) {
      session.dispatch({ type: 'restore-finished', hasSession: false })
      return false
    }
    try {
      if (pending || tokens.read()?.freshness !== 'fresh') await (pending ?? refresh.run('restore', started))
      session.dispatch({ type: 'restore-finished', hasSession: true })
      return true
    } catch (error) {
      if (!(error instanceof SessionExpiredError || error instanceof NotAuthenticatedError)) throw error
      session.dispatch({ type: 'restore-finished', hasSession: false })
      return false
    }
  }

  return (options) => {
    running ??= restore(options?.startedRefresh).finally(() => {
      running = null
    })
    return running
  }
}

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
