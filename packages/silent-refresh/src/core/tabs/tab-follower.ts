import type { SessionModel } from '../session'
import { decodeAccessToken } from '../token'
import type { TabCoordinator, TabMessage } from '../types'

/**
 * What another tab did, applied to this tab's session (through `dispatch`): its session is this tab's too (one
 * cookie jar). Never echoed back.
 */
export function createTabFollower(session: SessionModel): (message: TabMessage) => void {
  return (message) => {
    if (message.type === 'logout' || message.type === 'session-end') {
      const reason = message.type === 'logout' ? 'logout' : (message.reason ?? 'refresh-refused')
      if (session.hasToken()) return session.dispatch({ type: 'session-end', reason, fromOtherTab: true })
      // No token here, but a restore may be under way: its answer would belong to the ended session.
      return session.dispatch({ type: 'superseded', endReason: reason })
    }
    // An opaque token (or a JWT of another shape) comes with what its answer said of it.
    const incoming = message.decoded ?? decodeAccessToken(message.token)
    const current = session.tokens.read()
    if (!incoming || current?.token === message.token) return
    // Messages can cross: never go back to an older token of the same session.
    if (message.type === 'token' && current && current.decoded.issuedAt > incoming.issuedAt) return
    const starts = message.type === 'login' || !current
    const { token, serverTime, sessionExpiresAt, decoded } = message
    const facts = decoded ? { decoded } : {}
    session.dispatch({ type: 'token-adopted', token, issuedAt: incoming.issuedAt, serverTime, startsVia: starts ? 'other-tab' : null, sessionExpiresAt, from: 'other-tab', ...facts })
  }
}

/** Follows the other tabs' messages (reporting each one's type, never a token); returns how to stop. */
export function connectTabFollower(session: SessionModel, coordinator: TabCoordinator | null): () => void {
  const follow = createTabFollower(session)
  return coordinator?.subscribe((message) => (session.emit({ type: 'tab-message', message: message.type }), follow(message))) ?? (() => undefined)
}
