import { createTokenReader, decodeAccessToken, type TokenReader } from './token'
import type {
  AuthEvent,
  DecodedAccessToken,
  RefreshReason,
  SessionEndReason,
  SessionSnapshot,
  SessionStartVia,
  SessionStatus,
  TabMessage,
  TokenStore,
} from './types'

/*
 * The session model: its state, the events that change it, the pure reducer, and the model that applies an event,
 * publishes the new snapshot and only then runs the event's effects. Every transition goes through `dispatch`.
 */

/**
 * Where an adopted token came from: a refresh of this tab (its reason), a sign-in here, a step-up's re-verification
 * here (`reauthenticate`: the same login, told to the other tabs as a refreshed token), or another tab.
 */
export type TokenSource = RefreshReason | 'login' | 'signup' | 'reauthenticate' | 'other-tab'

/**
 * Everything that changes the session, each stamped with `at` (the client's clock, ms) by the model. New kinds are
 * added here and handled in `reduce`, nowhere else.
 */
export type SessionEvent = { at: number } & (
  | { type: 'restore-started' }
  | { type: 'restore-finished'; hasSession: boolean }
  /**
   * A token to use from now on (refresh, login, signup, another tab). `startsVia` is set when it opens a new
   * session; `serverTime` is what the answer says of the server's clock (its `Date`), if anything;
   * `sessionExpiresAt` the answer's, on the server's clock (ms; `undefined`: not said, the end stays as it was).
   * `decoded`: what the answer said of a token that cannot be decoded itself (opaque, or a JWT of another shape, read
   * through the backend profile): kept with the token, and told to the other tabs with it.
   */
  | {
      type: 'token-adopted'
      token: string
      issuedAt: number
      serverTime: number | null
      startsVia: SessionStartVia | null
      sessionExpiresAt?: number | null
      decoded?: DecodedAccessToken
      from: TokenSource
    }
  /** A refresh could not reach the server: back off (at least `retryAfterMs`). */
  | { type: 'refresh-unavailable'; status: number | null; retryAfterMs: number; cause: unknown }
  /** A login, signup or logout began, or a session ended elsewhere while none was here: older refreshes lose. */
  | { type: 'superseded'; endReason?: SessionEndReason }
  /**
   * The session ends: a logout, a refused refresh (`refreshFailure`: the refresh that was refused, reported as its
   * `refresh-failure`), a lost DPoP key, or another tab's word (`fromOtherTab`: not told back to the tabs).
   */
  | { type: 'session-end'; reason: SessionEndReason; refreshFailure?: { reason: RefreshReason; error: Error }; fromOtherTab?: boolean }
  /** The browser went offline or came back; coming back resets the refresh backoff. */
  | { type: 'connectivity'; online: boolean }
  /** A logout the server has not confirmed is pending (or no longer). */
  | { type: 'logout-pending'; pending: boolean }
)

/** A session event as its sender gives it: the model stamps `at`. */
export type SessionEventInput = SessionEvent extends infer E ? (E extends { at: number } ? Omit<E, 'at'> : never) : never

/** Everything the session knows, in one immutable value. The token itself lives in the `TokenStore`. */
export interface SessionState {
  status: SessionStatus
  endReason: SessionEndReason | null
  /** Bumped by every login, signup and logout (here or in another tab): a refresh compares it before and after. */
  epoch: number
  /** Bumped whenever the access token changes or goes. */
  tokenVersion: number
  /**
   * The one clock model: the server's clock minus the client's (ms), learnt from each adopted token's `iat` and
   * its answer's `Date` (both lower bounds of the server's time when it arrived: the later wins, up to the middle of
   * the token's life: `learnServerOffset`).
   */
  serverOffsetMs: number
  /** When the whole login ends, client clock (ms), or null. */
  sessionExpiresAt: number | null
  online: boolean
  logoutPending: boolean
  /** Automatic refreshes are not tried before `retryAt` (client clock) after `failures` unavailable refreshes in a row. */
  backoff: { failures: number; retryAt: number }
  /** The last refresh that could not reach the server, until a token arrives. */
  unavailable: { status: number | null; cause: unknown } | null
}

/** What an event asks the world to do, run by the model after the new state is published, in this order. */
export type SessionEffect =
  /** `decoded`: what the answer said of a token the reader cannot decode (kept with it, read instead of decoding it). */
  | { type: 'store-token'; token: string | null; decoded?: DecodedAccessToken }
  | { type: 'emit'; event: AuthEvent }
  | { type: 'call-on-session-end'; reason: SessionEndReason }
  | { type: 'tell-tabs'; message: TabMessage }

/** The backoff of automatic refreshes after failures: 1 s doubling up to 30 s by default; `maxMs` caps a `Retry-After` too. */
export interface BackoffRules {
  baseMs: number
  maxMs: number
}

export const DEFAULT_BACKOFF: BackoffRules = { baseMs: 1_000, maxMs: 30_000 }

export function initialState({ online = true, logoutPending = false } = {}): SessionState {
  return {
    status: 'unknown',
    endReason: null,
    epoch: 0,
    tokenVersion: 0,
    serverOffsetMs: 0,
    sessionExpiresAt: null,
    online,
    logoutPending,
    backoff: { failures: 0, retryAt: 0 },
    unavailable: null,
  }
}

const NO_BACKOFF = { failures: 0, retryAt: 0 }

/**
 * The next backoff after a failure at `at`: the step doubles up to the cap `maxMs`; a longer `minDelayMs` (the
 * answer's `Retry-After`) wins, up to that same cap: a server (or anything in between) asking for hours or years
 * never stops the tab's automatic refreshes for longer than `maxMs`.
 */
export function backoffAfterFailure(backoff: SessionState['backoff'], at: number, minDelayMs: number, rules: BackoffRules = DEFAULT_BACKOFF): SessionState['backoff'] {
  const step = Math.min(rules.maxMs, rules.baseMs * 2 ** backoff.failures)
  return { failures: backoff.failures + 1, retryAt: at + Math.max(step, Math.min(minDelayMs, rules.maxMs)) }
}

/**
 * The server's clock offset learnt from what an answer received at `at` says of it; unchanged when it says nothing
 * usable. Its token's `iat` and its `Date` are both lower bounds of the server's time when it arrived: the later wins,
 * but never past the middle of the token's life (`expiresAt`, when known). A `Date` further ahead comes from another
 * clock than the token's issuer (a proxy's, a CDN's): believed, it would make the token the server has just handed
 * out expiring or expired at once, and every request a refresh.
 *
 * @example
 * learnServerOffset(0, { issuedAt: 1_000, date: 2_000, expiresAt: 901_000 }, 0) // 2_000: the Date is the later
 * learnServerOffset(0, { issuedAt: 1_000, date: 1_201_000, expiresAt: 901_000 }, 0) // 451_000: half the token's life
 */
export function learnServerOffset(offsetMs: number, serverTimes: { issuedAt: number | null; date: number | null; expiresAt?: number | null }, at: number): number {
  const { issuedAt, expiresAt } = serverTimes
  const candidates = [issuedAt, serverTimes.date].filter((t): t is number => t !== null && Number.isFinite(t))
  if (candidates.length === 0) return offsetMs
  const latest = Math.max(...candidates)
  const lifeKnown = issuedAt !== null && Number.isFinite(issuedAt) && typeof expiresAt === 'number' && Number.isFinite(expiresAt) && expiresAt > issuedAt
  return (lifeKnown ? Math.min(latest, issuedAt + (expiresAt - issuedAt) / 2) : latest) - at
}

/** A session ends: a session in use becomes `ended`; a logout, or an ending before any session, is `anonymous`. */
function statusAfterEnd(status: SessionStatus, reason: SessionEndReason): SessionStatus {
  if (reason === 'logout') return 'anonymous'
  return status === 'authenticated' || status === 'ended' ? 'ended' : 'anonymous'
}

/**
 * The session's one transition function: pure (no I/O, no timers, no store writes, no clock: time comes on the
 * event). Returns the next state and the effects the event asks for, in the order they must run.
 *
 * @example
 * const { state, effects } = reduce(initialState(), { type: 'restore-started', at: 0 }) // state.status === 'restoring'
 */
export function reduce(state: SessionState, event: SessionEvent, rules: BackoffRules = DEFAULT_BACKOFF): { state: SessionState; effects: SessionEffect[] } {
  /** The next state, for an event that asks for no effect. */
  const quietly = (changes: Partial<SessionState>) => ({ state: { ...state, ...changes }, effects: [] })
  switch (event.type) {
    case 'restore-started':
      return quietly({ status: state.status === 'unknown' ? 'restoring' : state.status })
    case 'restore-finished':
      // A login that finished during the restore has already decided.
      return quietly(state.status === 'restoring' ? { status: event.hasSession ? 'authenticated' : 'anonymous' } : {})
    case 'token-adopted': {
      const expiresAt = (event.decoded ?? decodeAccessToken(event.token))?.expiresAt ?? null
      const serverOffsetMs = learnServerOffset(state.serverOffsetMs, { issuedAt: event.issuedAt, date: event.serverTime, expiresAt }, event.at)
      const { sessionExpiresAt } = event
      const next: SessionState = {
        ...state,
        status: event.startsVia ? 'authenticated' : state.status,
        epoch: event.startsVia ? state.epoch + 1 : state.epoch,
        tokenVersion: state.tokenVersion + 1,
        serverOffsetMs,
        sessionExpiresAt: sessionExpiresAt === undefined ? state.sessionExpiresAt : sessionExpiresAt === null ? null : sessionExpiresAt - serverOffsetMs,
        backoff: NO_BACKOFF,
        unavailable: null,
      }
      const { from, decoded } = event
      const effects: SessionEffect[] = [{ type: 'store-token', token: event.token, ...(decoded ? { decoded } : {}) }]
      const signedIn = from === 'login' || from === 'signup'
      if (!signedIn && from !== 'other-tab' && from !== 'reauthenticate') effects.push({ type: 'emit', event: { type: 'refresh-success', reason: from } })
      if (event.startsVia) effects.push({ type: 'emit', event: { type: 'session-start', via: event.startsVia } })
      if (from !== 'other-tab') {
        const message = { token: event.token, serverTime: event.at + serverOffsetMs, sessionExpiresAt: sessionExpiresAt ?? null, ...(decoded ? { decoded } : {}) }
        effects.push({ type: 'tell-tabs', message: { type: signedIn ? 'login' : 'token', ...message } })
      }
      return { state: next, effects }
    }
    case 'refresh-unavailable':
      return quietly({ backoff: backoffAfterFailure(state.backoff, event.at, event.retryAfterMs, rules), unavailable: { status: event.status, cause: event.cause } })
    case 'superseded':
      return quietly({ epoch: state.epoch + 1, endReason: event.endReason ?? state.endReason })
    case 'session-end': {
      const { reason } = event
      const next: SessionState = {
        ...state,
        status: statusAfterEnd(state.status, reason),
        endReason: reason,
        epoch: state.epoch + 1,
        tokenVersion: state.tokenVersion + 1,
        sessionExpiresAt: null,
        backoff: NO_BACKOFF,
      }
      const effects: SessionEffect[] = [{ type: 'store-token', token: null }]
      if (event.refreshFailure) effects.push({ type: 'emit', event: { type: 'refresh-failure', ...event.refreshFailure } })
      effects.push({ type: 'emit', event: { type: 'session-end', reason } }, { type: 'call-on-session-end', reason })
      if (!event.fromOtherTab) effects.push({ type: 'tell-tabs', message: reason === 'logout' ? { type: 'logout' } : { type: 'session-end', reason } })
      return { state: next, effects }
    }
    case 'connectivity':
      return quietly({ online: event.online, backoff: event.online && !state.online ? NO_BACKOFF : state.backoff })
    case 'logout-pending':
      return quietly({ logoutPending: event.pending })
  }
}

/** The client's clocks: its own (`now`) and the server's as estimated from the session's offset. */
export interface SessionClock {
  now(): number
  /** The server's present time as the client estimates it (ms). */
  serverNow(): number
  /** A time on the server's clock (ms) as this client's clock reads it. */
  toClientTime(serverTime: number): number
}

export interface SessionModelParts {
  store: TokenStore
  now(): number
  /** Refresh this long before the access token expires (capped at a third of its lifetime). */
  refreshMarginMs: number
  backoff: BackoffRules
  /** Whether the browser was online, and a logout pending, when the client was made. */
  online: boolean
  logoutPending: boolean
  onEvent?: ((event: AuthEvent) => void) | undefined
  onSessionEnd?: ((reason: SessionEndReason) => void) | undefined
  tell(message: TabMessage): void
}

export interface SessionModel {
  /** Applies one event: the new state, then the store, then the snapshot's subscribers, events, `onSessionEnd`, the tabs. */
  dispatch(event: SessionEventInput): void
  state(): SessionState
  /** Whether the store holds a token at all (even one that no longer decodes). */
  hasToken(): boolean
  tokens: TokenReader
  clock: SessionClock
  /** Reports an event that changes no state (a refresh starting, a retry, a wake-up, another tab's message). */
  emit(event: AuthEvent): void
  onEvent(listener: (event: AuthEvent) => void): () => void
  getSnapshot(): SessionSnapshot
  subscribe(listener: (snapshot: SessionSnapshot, previous: SessionSnapshot) => void): () => void
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

/**
 * The session's state and the one `dispatch` every transition goes through. As TanStack Query's
 * `Query#dispatch`: the pure `reduce` computes the next state, the model applies it and writes the token to the
 * store (part of the state, kept outside), publishes the new snapshot, and only then notifies, in this order:
 * snapshot subscribers (`subscribe`, `onTokenChange`), event listeners (`onEvent`), `onSessionEnd`, the other tabs.
 * Every one of them sees the state after the event.
 */
export function createSessionModel(parts: SessionModelParts): SessionModel {
  const { store, now } = parts
  let state = initialState({ online: parts.online, logoutPending: parts.logoutPending })
  const clock: SessionClock = {
    now,
    serverNow: () => now() + state.serverOffsetMs,
    toClientTime: (serverTime) => serverTime - state.serverOffsetMs,
  }
  const tokens = createTokenReader(store, clock.serverNow, parts.refreshMarginMs)
  let snapshot = initialSnapshot({ online: state.online, logoutPending: state.logoutPending })
  const subscribers = new Set<(snapshot: SessionSnapshot, previous: SessionSnapshot) => void>()
  const eventListeners = new Set<(event: AuthEvent) => void>()

  function emit(event: AuthEvent): void {
    notify(() => parts.onEvent?.(event))
    for (const listener of [...eventListeners]) notify(() => listener(event))
  }

  /** The snapshot of `state` (and the token in the store), or `previous` itself when nothing visible changed. */
  function snapshotOf(previous: SessionSnapshot): SessionSnapshot {
    const { status, endReason, tokenVersion, sessionExpiresAt, online, logoutPending } = state
    const same = status === previous.status && tokenVersion === previous.tokenVersion && endReason === previous.endReason
    if (same && sessionExpiresAt === previous.sessionExpiresAt && online === previous.online && logoutPending === previous.logoutPending) return previous
    const decoded = tokens.read()?.decoded ?? null
    return {
      status,
      endReason,
      tokenVersion,
      user: decoded?.user ?? null,
      issuedAt: decoded?.issuedAt ?? null,
      expiresAt: decoded?.expiresAt ?? null,
      expiresLocallyAt: decoded ? clock.toClientTime(decoded.expiresAt) : null,
      sessionExpiresAt,
      online,
      logoutPending,
    }
  }

  function dispatch(input: SessionEventInput): void {
    const result = reduce(state, { ...input, at: now() } as SessionEvent, parts.backoff)
    state = result.state
    for (const effect of result.effects) {
      if (effect.type !== 'store-token') continue
      if (effect.token !== null && effect.decoded) tokens.remember(effect.token, effect.decoded)
      store.set(effect.token)
    }
    const previous = snapshot
    snapshot = snapshotOf(previous)
    if (snapshot !== previous) for (const listener of [...subscribers]) notify(() => listener(snapshot, previous))
    for (const effect of result.effects) {
      if (effect.type === 'emit') emit(effect.event)
      else if (effect.type === 'call-on-session-end') notify(() => parts.onSessionEnd?.(effect.reason))
      else if (effect.type === 'tell-tabs') parts.tell(effect.message)
    }
  }

  return {
    dispatch,
    state: () => state,
    hasToken: () => store.get() !== null,
    tokens,
    clock,
    emit,
    onEvent(listener) {
      eventListeners.add(listener)
      return () => void eventListeners.delete(listener)
    },
    getSnapshot: () => snapshot,
    subscribe(listener) {
      subscribers.add(listener)
      return () => void subscribers.delete(listener)
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
