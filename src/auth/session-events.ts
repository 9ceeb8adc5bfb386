import type { Backoff } from './backoff'
import type { ClockSkew } from './clock-skew'
import { refreshFailedError, type RefreshUnavailableError } from './errors'
import type { StatusChange } from './session-status'
import type { AuthEvent, SessionEndReason, SessionStartVia, TokenStore } from './types'

/**
 * Everything that changes the session. New kinds (a wake-up check, going offline, a pending logout)
 * are added here and handled in `applyEvent`, nowhere else.
 */
export type SessionEvent =
  | { type: 'restore-started' }
  | { type: 'restore-finished'; hasSession: boolean }
  /**
   * A token to use from now on (refresh, login, signup, another tab). `startsVia` is set when it opens a
   * new session; `serverTime` is what the response says of the server's clock (its `Date`), if anything.
   * `sessionExpiresAt` is the answer's, on the server's clock (ms); the snapshot holds it in client time.
   */
  | { type: 'token-adopted'; token: string; issuedAt: number; serverTime: number | null; startsVia: SessionStartVia | null; sessionExpiresAt?: number | null }
  /** A refresh could not reach the server: back off (at least `retryAfterMs`). */
  | { type: 'refresh-unavailable'; status: number | null; retryAfterMs: number; cause: unknown }
  /** A login, signup or logout began, or a session ended elsewhere while none was here: older refreshes lose. */
  | { type: 'superseded'; endReason?: SessionEndReason }
  | { type: 'ended'; reason: SessionEndReason }
  /** The browser went offline or came back; coming back resets the refresh backoff. */
  | { type: 'connectivity'; online: boolean }
  /** A logout the server has not confirmed is pending (or no longer). */
  | { type: 'logout-pending'; pending: boolean }

/** The session's state besides the token (which lives in the store). */
export interface SessionState {
  epoch: number
  endReason: SessionEndReason | null
  lastUnavailable: RefreshUnavailableError | null
  sessionExpiresAt: number | null
  tokenVersion: number
  online: boolean
  logoutPending: boolean
}

/** What applying an event writes to besides the state. */
export interface SessionEffects {
  store: TokenStore
  skew: ClockSkew
  backoff: Backoff
  emit(event: AuthEvent): void
  onSessionEnd(reason: SessionEndReason): void
}

/** Applies one event to the state and the store; returns the status change it means, if any. */
export function applyEvent(state: SessionState, event: SessionEvent, effects: SessionEffects): StatusChange | null {
  const { store, skew, backoff, emit } = effects
  switch (event.type) {
    case 'restore-started':
    case 'restore-finished':
      return event
    case 'token-adopted':
      if (event.startsVia) state.epoch += 1
      state.tokenVersion += 1
      skew.observe({ issuedAt: event.issuedAt, date: event.serverTime })
      store.set(event.token)
      backoff.succeeded()
      state.lastUnavailable = null
      if (event.sessionExpiresAt !== undefined) {
        state.sessionExpiresAt = event.sessionExpiresAt === null ? null : skew.toClientTime(event.sessionExpiresAt)
      }
      if (!event.startsVia) return null
      emit({ type: 'session-start', via: event.startsVia })
      return { type: 'signed-in' }
    case 'refresh-unavailable':
      backoff.failed(event.retryAfterMs)
      state.lastUnavailable = refreshFailedError({ status: event.status, retryAt: backoff.retryAt(), cause: event.cause })
      return null
    case 'superseded':
      state.epoch += 1
      if (event.endReason) state.endReason = event.endReason
      return null
    case 'ended':
      state.epoch += 1
      state.endReason = event.reason
      state.sessionExpiresAt = null
      state.tokenVersion += 1
      store.set(null)
      backoff.succeeded()
      emit({ type: 'session-end', reason: event.reason })
      effects.onSessionEnd(event.reason)
      return event.reason === 'logout' ? { type: 'signed-out' } : { type: 'session-ended' }
    case 'connectivity':
      if (event.online && !state.online) backoff.succeeded()
      state.online = event.online
      return null
    case 'logout-pending':
      state.logoutPending = event.pending
      return null
  }
}
