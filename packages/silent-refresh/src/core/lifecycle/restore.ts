import { NotAuthenticatedError, SessionExpiredError } from '../errors'
import type { SessionHint } from './session-hint'
import type { PendingLogoutMark } from './pending-logout'
import type { RefreshPolicy } from '../refresh-policy'
import type { SessionModel } from '../session-model'
import type { RestoreOptions } from '../started-refresh'
import type { TokenReader } from '../token-reader'

export interface RestoreParts {
  session: SessionModel
  tokens: TokenReader
  refresh: RefreshPolicy
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
  const { session, tokens, refresh } = parts
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
