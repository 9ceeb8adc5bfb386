import type { RefreshUnavailableError } from './errors'
import { applyEvent, type SessionEffects, type SessionEvent, type SessionState } from './session-events'
import { nextStatus } from './session-status'
import type { TokenReader } from './token-reader'
import type { SessionEndReason, SessionSnapshot } from './types'

export interface SessionModelParts extends SessionEffects {
  tokens: TokenReader
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
  const { store, tokens, skew } = parts
  const state: SessionState = {
    epoch: 0,
    endReason: null,
    lastUnavailable: null,
    sessionExpiresAt: null,
    tokenVersion: 0,
    online: parts.online,
    logoutPending: parts.logoutPending,
  }
  let snapshot = initialSnapshot({ online: state.online, logoutPending: state.logoutPending })
  const listeners = new Set<(snapshot: SessionSnapshot, previous: SessionSnapshot) => void>()

  function dispatch(event: SessionEvent): void {
    const change = applyEvent(state, event, parts)
    const { endReason, tokenVersion, sessionExpiresAt, online, logoutPending } = state
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
    epoch: () => state.epoch,
    endReason: () => state.endReason,
    hasToken: () => store.get() !== null,
    lastUnavailable: () => state.lastUnavailable,
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

/** Runs a listener so that its exception surfaces (asynchronously) without breaking the client's own flow. */
export function notify(run: () => void): void {
  try {
    run()
  } catch (error) {
    queueMicrotask(() => {
      throw error
    })
  }
}
