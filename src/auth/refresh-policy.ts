import { isAxiosError, type AxiosInstance } from 'axios'
import type { Backoff } from './backoff'
import type { ClockSkew } from './clock-skew'
import { NotAuthenticatedError, OfflineError, refreshFailedError, RefreshUnavailableError, SessionExpiredError } from './errors'
import { requestRefresh, type RefreshOutcome } from './refresh-request'
import type { RequestCredentials } from './request-credentials'
import type { SessionModel } from './session-model'
import { createSingleFlight } from './single-flight'
import type { TokenReader } from './token-reader'
import type { AuthEvent, RefreshReason, TabCoordinator, TabMessage } from './types'

export interface RefreshPolicyParts {
  session: SessionModel
  tokens: TokenReader
  skew: ClockSkew
  backoff: Backoff
  authHttp: AxiosInstance
  credentials: RequestCredentials
  coordinator: TabCoordinator | null
  now(): number
  emit(event: AuthEvent): void
  tell(message: TabMessage): void
  /** Whether the browser says it is online: offline, a refresh fails fast and burns no backoff. */
  isOnline(): boolean
  /** The quick retry of one passing failure (`null`: none), its jitter, and how to wait. */
  retry: { minDelayMs: number; maxDelayMs: number } | null
  random(): number
  wait(ms: number): Promise<void>
}

type Unavailable = Extract<RefreshOutcome, { kind: 'unavailable' }>

/** A timeout already made the waiting requests wait the whole timeout: no second one. */
function timedOut(cause: unknown): boolean {
  return isAxiosError(cause) && (cause.code === 'ECONNABORTED' || cause.code === 'ETIMEDOUT')
}

/** When and how a refresh runs: one in flight, under the tabs' lock, with backoff after failures. */
export interface RefreshPolicy {
  /** The refresh in flight, if any (including a `restore()`). */
  inflight(): Promise<string> | null
  /** Starts a refresh now unless one is in flight (explicit: `restore()`, `refresh()`). */
  run(reason: RefreshReason): Promise<string>
  /** An automatic refresh: shares the one in flight, fails fast while backing off. */
  automatic(reason: RefreshReason): Promise<string>
  /** The token to replay a request that got a 401 with `sentToken`: refreshes only if it is still current. */
  tokenForReplay(sentToken: string | null): Promise<string>
}

export function createRefreshPolicy(parts: RefreshPolicyParts): RefreshPolicy {
  const { session, tokens, skew, backoff, coordinator, emit } = parts

  /** The token after a login, logout or session end that happened while a refresh waited or ran. */
  function tokenAfterSessionChange(): string {
    const current = tokens.read()
    if (current) return current.token
    const reason = session.endReason()
    throw reason === 'refresh-refused' || reason === 'key-lost'
      ? new SessionExpiredError('The session ended (in this tab or another) while a token refresh was running')
      : new NotAuthenticatedError('Signed out while a token refresh was running')
  }

  /** A token another tab brought in since `before` was read, if it is fresh. */
  function freshTokenSince(before: string | null): string | null {
    const current = tokens.read()
    return current && current.token !== before && current.freshness === 'fresh' ? current.token : null
  }

  /** With a coordinator, under the tabs' lock, unless another tab has just refreshed. */
  function underLock(reason: RefreshReason): Promise<string> {
    if (!coordinator) return overHttp(reason)
    const startEpoch = session.epoch()
    const before = tokens.read()?.token ?? null
    return coordinator.withRefreshLock(async () => {
      if (session.epoch() !== startEpoch) return tokenAfterSessionChange()
      return freshTokenSince(before) ?? overHttp(reason)
    })
  }

  async function overHttp(reason: RefreshReason): Promise<string> {
    const startEpoch = session.epoch()
    const before = tokens.read()
    emit({ type: 'refresh-start', reason })
    let outcome = await requestRefresh(parts.authHttp, before?.token ?? null, skew.serverNow, parts.credentials)
    // One passing failure (a 500, a dropped connection, a lost answer) is tried again once, quickly, inside this
    // refresh: the waiting requests never see it. A lost answer's retry gets the same cookie (the reuse interval).
    const delayMs = outcome.kind === 'unavailable' ? retryDelay(outcome) : null
    if (delayMs !== null && session.epoch() === startEpoch) {
      emit({ type: 'refresh-retry', reason, delayMs })
      await parts.wait(delayMs)
      if (session.epoch() === startEpoch && !freshTokenSince(before?.token ?? null) && parts.isOnline()) {
        outcome = await requestRefresh(parts.authHttp, before?.token ?? null, skew.serverNow, parts.credentials)
      }
    }
    // Signed in or out while this refresh ran: its answer belongs to a session that is gone.
    if (session.epoch() !== startEpoch) return tokenAfterSessionChange()
    if (outcome.kind === 'ok') {
      emit({ type: 'refresh-success', reason })
      // Another tab signed out and in (or as someone else) while this one was frozen: a new session, not a refresh.
      const sameSession = before && before.decoded.user.id === outcome.decoded.user.id
      const startsVia = !before ? 'restore' : sameSession ? null : 'other-tab'
      session.dispatch({ type: 'token-adopted', token: outcome.accessToken, issuedAt: outcome.decoded.issuedAt, serverTime: outcome.date, startsVia, sessionExpiresAt: outcome.sessionExpiresAt })
      parts.tell({ type: 'token', token: outcome.accessToken, serverTime: skew.serverNow(), sessionExpiresAt: outcome.sessionExpiresAt })
      return outcome.accessToken
    }
    if (outcome.kind === 'key-lost') {
      // A bound login whose key is gone can never refresh: end it (with the message it needs) rather than keep a dead session.
      const error = new SessionExpiredError('This browser no longer has the key the session was bound to (DPoP): sign in again', { cause: outcome.cause })
      emit({ type: 'refresh-failure', reason, error })
      session.dispatch({ type: 'ended', reason: 'key-lost' })
      parts.tell({ type: 'session-end' })
      throw error
    }
    if (outcome.kind === 'refused') {
      // Refused with no session to end (no cookie at start-up) is being anonymous, not a session end.
      const hadSession = session.hasToken()
      const error = hadSession
        ? new SessionExpiredError('POST /auth/refresh was refused (401): the session has ended', { cause: outcome.cause })
        : new NotAuthenticatedError('POST /auth/refresh was refused (401): there is no session to restore', { cause: outcome.cause })
      emit({ type: 'refresh-failure', reason, error })
      if (hadSession) {
        session.dispatch({ type: 'ended', reason: 'refresh-refused' })
        parts.tell({ type: 'session-end' })
      }
      throw error
    }
    // Another tab refreshed while this one's request hung (it went on after the lock's bound): use its token.
    const adopted = freshTokenSince(before?.token ?? null)
    // Offline: the failure says nothing about the server; no backoff (`online` checks again).
    if (!adopted && !parts.isOnline()) throw offline(outcome.cause)
    const failure = { status: outcome.status, cause: outcome.cause }
    if (!adopted) session.dispatch({ type: 'refresh-unavailable', ...failure, retryAfterMs: outcome.retryAfterMs ?? 0 })
    const error = adopted ? refreshFailedError({ ...failure, retryAt: backoff.retryAt() }) : session.lastUnavailable()!
    emit({ type: 'refresh-failure', reason, error })
    if (adopted) return adopted
    throw error
  }

  /** The delay before retrying `outcome`, or null when it is not worth a quick retry. */
  function retryDelay(outcome: Unavailable): number | null {
    const { retry } = parts
    // A timeout already cost the waiting requests the whole timeout; a 2xx/4xx answer was the server's last word.
    const passing = outcome.status === null || outcome.status >= 500 || outcome.status === 429
    if (!retry || !passing || timedOut(outcome.cause) || !parts.isOnline()) return null
    const jitter = retry.minDelayMs + Math.floor(parts.random() * (retry.maxDelayMs - retry.minDelayMs))
    if (outcome.retryAfterMs === null) return outcome.status === 429 ? null : jitter
    return outcome.retryAfterMs <= retry.maxDelayMs ? Math.max(jitter, outcome.retryAfterMs) : null
  }

  function offline(cause?: unknown): OfflineError {
    session.dispatch({ type: 'connectivity', online: false })
    return new OfflineError(undefined, { retryAt: backoff.retryAt() }, { cause })
  }

  const flight = createSingleFlight((reason: RefreshReason) => (parts.isOnline() ? underLock(reason) : Promise.reject(offline())))

  function automatic(reason: RefreshReason): Promise<string> {
    const pending = flight.current()
    if (pending) return pending
    if (!parts.isOnline()) return Promise.reject(offline())
    if (parts.now() < backoff.retryAt()) {
      const last = session.lastUnavailable()
      return Promise.reject(
        new RefreshUnavailableError(
          `Token refresh is backing off after ${backoff.failures()} failure(s); next attempt after ${new Date(backoff.retryAt()).toISOString()} (client clock)`,
          { status: last?.status ?? null, retryAt: backoff.retryAt() },
          { cause: last },
        ),
      )
    }
    return flight.run(reason)
  }

  return {
    inflight: () => flight.current(),
    run: (reason) => flight.run(reason),
    automatic,
    async tokenForReplay(sentToken) {
      const pending = flight.current()
      if (pending) await pending
      const current = tokens.read()
      if (!current) {
        throw sentToken
          ? new SessionExpiredError('The session ended while this request was in flight')
          : new NotAuthenticatedError('No session: sign in before calling a protected endpoint')
      }
      if (current.token !== sentToken) return current.token
      return automatic('after-401')
    },
  }
}
