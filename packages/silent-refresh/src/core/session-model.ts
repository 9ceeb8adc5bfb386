import type { Backoff } from './backoff'
import type { ClockSkew } from './clock-skew'
import { refreshFailedError, type RefreshUnavailableError } from './errors'
import { notify } from './notify'
import type { SessionEvent } from './session-events'
import { nextStatus, type StatusChange } from './session-status'
import type { TokenReader } from './token-reader'
import type { AuthEvent, SessionEndReason, SessionSnapshot, TokenStore } from './types'

export interface SessionModelParts {
  store: TokenStore
  tokens: TokenReader
  skew: ClockSkew
  backoff: Backoff
  emit(event: AuthEvent): void
  onSessionEnd(reason: SessionEndReason): void
  /** Whether the browser was online when the client was made. */
  online: boolean
  logoutPending: boolean
}

export interface SessionModel {
  dispatch(event: SessionEvent): void
  /** Bumped by every login, signup and logout (here or in another tab): a refresh compares it before and after. */
  epoch(): number
  endReason(): SessionEndReason | null
  /** Whether the store holds a token at all (even one that no longer decodes). */
  hasToken(): boolean
  /** The last refresh that failed for lack of a server, until a token arrives. */
  lastUnavailable(): RefreshUnavailableError | null
  getSnapshot(): SessionSnapshot
  subscribe(listener: (snapshot: SessionSnapshot, previous: SessionSnapshot) => void): () => void
}

/** The session's state and the one `dispatch` every transition goes through (as TanStack Query's `Query#dispatch`). */
export function createSessionModel(parts: SessionModelParts): SessionModel {
  const { store, tokens, skew, backoff, emit } = parts
  let epoch = 0
  let endReason: SessionEndReason | null = null
  let lastUnavailable: RefreshUnavailableError | null = null
  let sessionExpiresAt: number | null = null
  let tokenVersion = 0
  let online = parts.online
  let logoutPending = parts.logoutPending
  let snapshot = initialSnapshot({ online, logoutPending })
  const listeners = new Set<(snapshot: SessionSnapshot, previous: SessionSnapshot) => void>()

  /** Applies one event to the state and the store; returns the status change it means, if any. */
  function apply(event: SessionEvent): StatusChange | null {
    switch (event.type) {
      case 'restore-started':
      case 'restore-finished':
        return event
      case 'token-adopted':
        if (event.startsVia) epoch += 1
        tokenVersion += 1
        skew.observe({ issuedAt: event.issuedAt, date: event.serverTime })
        if (event.decoded) tokens.remember(event.token, event.decoded)
        store.set(event.token)
        backoff.succeeded()
        lastUnavailable = null
        if (event.sessionExpiresAt !== undefined) {
          sessionExpiresAt = event.sessionExpiresAt === null ? null : skew.toClientTime(event.sessionExpiresAt)
        }
        if (!event.startsVia) return null
        emit({ type: 'session-start', via: event.startsVia })
        return { type: 'signed-in' }
      case 'refresh-unavailable':
        backoff.failed(event.retryAfterMs)
        lastUnavailable = refreshFailedError({ status: event.status, retryAt: backoff.retryAt(), cause: event.cause })
        return null
      case 'superseded':
        epoch += 1
        if (event.endReason) endReason = event.endReason
        return null
      case 'ended':
        epoch += 1
        endReason = event.reason
        sessionExpiresAt = null
        tokenVersion += 1
        store.set(null)
        backoff.succeeded()
        emit({ type: 'session-end', reason: event.reason })
        parts.onSessionEnd(event.reason)
        return event.reason === 'logout' ? { type: 'signed-out' } : { type: 'session-ended' }
      case 'connectivity':
        if (event.online && !online) backoff.succeeded()
        online = event.online
        return null
      case 'logout-pending':
        logoutPending = event.pending
        return null
    }
  }

  function dispatch(event: SessionEvent): void {
    const change = apply(event)
    const previous = snapshot
    const current = tokens.read()
    const status = change ? nextStatus(previous.status, change) : previous.status
    const decoded = current?.decoded ?? null
    const same = status === previous.status && tokenVersion === previous.tokenVersion && endReason === previous.endReason
    if (same && sessionExpiresAt === previous.sessionExpiresAt && online === previous.online && logoutPending === previous.logoutPending) return
    snapshot = {
      status,
      endReason,
      tokenVersion,
      user: decoded?.user ?? null,
      issuedAt: decoded?.issuedAt ?? null,
      expiresAt: decoded?.expiresAt ?? null,
      // One clock model: the token reader's skew, turned back to this client's clock.
      expiresLocallyAt: decoded ? skew.toClientTime(decoded.expiresAt) : null,
      sessionExpiresAt,
      online,
      logoutPending,
    }
    for (const listener of [...listeners]) notify(() => listener(snapshot, previous))
  }

  return {
    dispatch,
    epoch: () => epoch,
    endReason: () => endReason,
    hasToken: () => store.get() !== null,
    lastUnavailable: () => lastUnavailable,
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}

/** The snapshot before the client has said anything (online, no logout pending, unless told otherwise). */
export function initialSnapshot({ online = true, logoutPending = false } = {}): SessionSnapshot {
  return {
    status: 'unknown',
    endReason: null,
    tokenVersion: 0,
    user: null,
    issuedAt: null,
    expiresAt: null,
    expiresLocallyAt: null,
    sessionExpiresAt: null,
    online,
    logoutPending,
  }
}
