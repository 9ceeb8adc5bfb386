import { decodeAccessToken } from '../decode-token'
import type { SessionModel } from '../session-model'
import type { TokenReader } from '../token-reader'
import type { AuthEvent } from '../types'
import type { TabCoordinator, TabMessage } from './types'

/**
 * What another tab did, applied to this tab's session: its session is this tab's too (one cookie jar).
 * Never echoed back.
 */
export function createTabFollower(session: SessionModel, tokens: TokenReader): (message: TabMessage) => void {
  return (message) => {
    if (message.type === 'logout' || message.type === 'session-end') {
      const reason = message.type === 'logout' ? 'logout' : (message.reason ?? 'refresh-refused')
      if (session.hasToken()) return session.dispatch({ type: 'ended', reason })
      // No token here, but a restore may be under way: its answer would belong to the ended session.
      return session.dispatch({ type: 'superseded', endReason: reason })
    }
    const incoming = message.decoded ?? decodeAccessToken(message.token)
    const current = tokens.read()
    if (!incoming || current?.token === message.token) return
    // Messages can cross: never go back to an older token of the same session.
    if (message.type === 'token' && current && current.decoded.issuedAt > incoming.issuedAt) return
    const starts = message.type === 'login' || !current
    const { sessionExpiresAt } = message
    session.dispatch({
      type: 'token-adopted',
      token: message.token,
      issuedAt: incoming.issuedAt,
      serverTime: message.serverTime,
      startsVia: starts ? 'other-tab' : null,
      sessionExpiresAt,
      ...(message.decoded ? { decoded: message.decoded } : {}),
    })
  }
}

/** Follows the other tabs' messages (reporting each one's type, never a token); returns how to stop. */
export function connectTabFollower(parts: { session: SessionModel; tokens: TokenReader; coordinator: TabCoordinator | null; emit(event: AuthEvent): void }): () => void {
  const follow = createTabFollower(parts.session, parts.tokens)
  return parts.coordinator?.subscribe((message) => (parts.emit({ type: 'tab-message', message: message.type }), follow(message))) ?? (() => undefined)
}
