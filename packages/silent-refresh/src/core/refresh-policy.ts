import type { AxiosInstance } from 'axios'
import type { ResolvedBackendProfile } from './backend-profile'
import type { Backoff } from './backoff'
import type { ClockSkew } from './clock-skew'
import { backingOffError, NotAuthenticatedError, OfflineError, refreshFailedError, SessionExpiredError } from './errors'
import { decodeAccessToken } from './decode-token'
import { requestRefresh } from './refresh-request'
import { sendWithQuickRetry, type QuickRetryParts } from './refresh-retry'
import type { RequestCredentials } from './request-credentials'
import type { SessionModel } from './session-model'
import { createSingleFlight } from './single-flight'
import type { TokenReader } from './token-reader'
import type { TabCoordinator, TabMessage } from './tabs/types'
import type { RefreshReason, SessionEndReason } from './types'

export interface RefreshPolicyParts extends QuickRetryParts {
  session: SessionModel
  tokens: TokenReader
  skew: ClockSkew
  backoff: Backoff
  authHttp: AxiosInstance
  credentials: RequestCredentials
  coordinator: TabCoordinator | null
  profile: ResolvedBackendProfile
  apiBase: string
  now(): number
  tell(message: TabMessage): void
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
    const backend = { profile: parts.profile, apiBase: parts.apiBase, previousUser: before?.decoded.user ?? null }
    const send = () => requestRefresh(parts.authHttp, before?.token ?? null, skew.serverNow, parts.credentials, backend)
    const stillWanted = (afterWait: boolean) => session.epoch() === startEpoch && !(afterWait && freshTokenSince(before?.token ?? null))
    const outcome = await sendWithQuickRetry(send, reason, stillWanted, parts)
    // Signed in or out while this refresh ran: its answer belongs to a session that is gone.
    if (session.epoch() !== startEpoch) return tokenAfterSessionChange()
    if (outcome.kind === 'ok') {
      emit({ type: 'refresh-success', reason })
      // Another tab signed out and in (or as someone else) while this one was frozen: a new session, not a refresh.
      const sameSession = before && before.decoded.user.id === outcome.decoded.user.id
      const startsVia = !before ? 'restore' : sameSession ? null : 'other-tab'
      const { accessToken: token, decoded, sessionExpiresAt } = outcome
      session.dispatch({ type: 'token-adopted', token, issuedAt: decoded.issuedAt, serverTime: outcome.date, startsVia, sessionExpiresAt, decoded })
      // What the answer said of a token the other tabs cannot decode themselves (opaque, or a JWT of another shape).
      const facts = decodeAccessToken(token) ? {} : { decoded }
      parts.tell({ type: 'token', token, serverTime: skew.serverNow(), sessionExpiresAt, ...facts })
      return outcome.accessToken
    }
    if (outcome.kind === 'key-lost') {
      // A bound login whose key is gone can never refresh: end it (with the message it needs) rather than keep a dead session.
      const error = new SessionExpiredError('This browser no longer has the key the session was bound to (DPoP): sign in again', { cause: outcome.cause })
      failed(reason, error, 'key-lost')
    }
    if (outcome.kind === 'lost') {
      const message = "The session may have ended: a refresh's answer was lost, and this server cannot take the same refresh twice (no reuse interval). Sign in again."
      // Even at start-up: the person had a session (the hint said so), and should hear why it is gone.
      failed(reason, new SessionExpiredError(message, { cause: outcome.cause }), 'refresh-lost')
    }
    if (outcome.kind === 'refused') {
      // Refused with no session to end (no cookie at start-up) is being anonymous, not a session end.
      const status = (outcome.cause as { response?: { status?: number } } | null)?.response?.status ?? 401
      const what = `POST ${parts.profile.endpoints.refresh} was refused (${status})`
      if (!session.hasToken()) failed(reason, new NotAuthenticatedError(`${what}: there is no session to restore`, { cause: outcome.cause }), null)
      failed(reason, new SessionExpiredError(`${what}: the session has ended`, { cause: outcome.cause }), 'refresh-refused')
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

  /** A refresh that failed for good: said, the session ended (here and in the other tabs) when `ends` says so, thrown. */
  function failed(reason: RefreshReason, error: Error, ends: Exclude<SessionEndReason, 'logout'> | null): never {
    emit({ type: 'refresh-failure', reason, error })
    if (ends) {
      session.dispatch({ type: 'ended', reason: ends })
      parts.tell({ type: 'session-end', reason: ends })
    }
    throw error
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
    if (parts.now() < backoff.retryAt()) return Promise.reject(backingOffError(backoff, session.lastUnavailable()))
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
