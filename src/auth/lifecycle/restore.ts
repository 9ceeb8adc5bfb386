import { NotAuthenticatedError, SessionExpiredError } from '../errors'
import type { RefreshPolicy } from '../refresh-policy'
import type { SessionModel } from '../session-model'
import type { TokenReader } from '../token-reader'
import type { PendingLogoutMark } from './pending-logout'

export interface RestoreParts {
  session: SessionModel
  tokens: TokenReader
  refresh: RefreshPolicy
  pendingLogout: PendingLogoutMark
  /** Sends a pending logout; resolves whether one is still pending. */
  finishPendingLogout(): Promise<boolean>
}

/** `client.restore()`: one refresh from the cookie at start-up (shared with one in flight); resolves whether a session exists. */
export function createRestore(parts: RestoreParts): () => Promise<boolean> {
  const { session, refresh } = parts
  return async function restore() {
    session.dispatch({ type: 'restore-started' })
    // A logout the server never heard comes first: otherwise the cookie would sign the person back in.
    // Sent or not, the person wanted out: nothing is restored.
    if (parts.pendingLogout.isPending()) {
      await parts.finishPendingLogout()
      session.dispatch({ type: 'restore-finished', hasSession: false })
      return false
    }
    const pending = refresh.inflight()
    try {
      if (pending || parts.tokens.read()?.freshness !== 'fresh') await (pending ?? refresh.run('restore'))
      session.dispatch({ type: 'restore-finished', hasSession: true })
      return true
    } catch (error) {
      if (!(error instanceof SessionExpiredError || error instanceof NotAuthenticatedError)) throw error
      session.dispatch({ type: 'restore-finished', hasSession: false })
      return false
    }
  }
}
