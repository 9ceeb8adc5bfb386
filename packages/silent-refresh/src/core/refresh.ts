import { AxiosError, AxiosHeaders, isAxiosError, type AxiosInstance, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios'
import {
  asAuthError,
  DpopKeyLostError,
  notAuthenticatedError,
  offlineError,
  refreshUnavailableError,
  sessionExpiredError,
  UnexpectedAnswerError,
  type OfflineError,
  type RefreshUnavailableError,
} from './errors'
import { encodeAuthRequest, type EncodedAuthBody } from './backend-profile'
import { authEndpoint, retryAfterMs, toProfileResponse } from './http'
import type { RequestCredentials, SignedAuthRequest } from './request'
import type { SessionModel } from './session'
import { decodeAccessToken, fetchUser, lacksUser, readAnswer, type CurrentToken, type TokenAnswer } from './token'
import type { DecodedAccessToken, RefreshReason, ResolvedBackendProfile, StartedRefreshAnswer, TabCoordinator, Timers, TokenUser } from './types'

/*
 * The refresh: when one runs (single flight, under the tabs' lock, epoch checks, backoff, offline), the request
 * itself (the backend profile's refresh endpoint and what its answer means), its one quick retry, and what the
 * outcome does to the session. One vocabulary for the outcome: `success`, `refused` (the session ends:
 * `refresh-refused`), `key-lost` (the session ends: `key-lost`), `lost` (no reuse interval: the session ends:
 * `refresh-lost`), `unavailable` (the session is kept: `RefreshUnavailableError`, backoff).
 */

/** How one call of the refresh endpoint ended, before the client decides what it means for the session. */
export type RefreshOutcome =
  | { kind: 'success'; accessToken: string; decoded: DecodedAccessToken; date: number | null; sessionExpiresAt: number | null }
  /** The profile's `isRefreshRefused` (default 401): the refresh token is missing, expired, revoked or reused (or a proof from another key). */
  | { kind: 'refused'; cause: unknown }
  /**
   * The session is bound to a DPoP key this browser no longer has: nothing was sent (a proof from another
   * key would read as theft), or the server refused a refresh that had no proof to give (400 `invalid_dpop_proof`).
   */
  | { kind: 'key-lost'; cause: unknown }
  /**
   * No answer came, and the backend has no reuse interval: the server may have rotated the cookie, and sending the
   * old one again would end the login as theft. Never retried.
   */
  | { kind: 'lost'; cause: unknown }
  /**
   * Network error, timeout, 429, 5xx: worth trying again later. Also an answer not understood (a 4xx the profile does
   * not call a refusal, a body `readTokenResponse` cannot read): `cause` an `UnexpectedAnswerError` or a `BackendProfileError`.
   */
  | { kind: 'unavailable'; status: number | null; retryAfterMs: number | null; cause: unknown }

/** What a refresh needs to know of the backend: its profile, the API's base, and the user of the token it replaces. */
export interface RefreshBackend {
  profile: ResolvedBackendProfile
  apiBase: string
  /** The user of the current token (a refresh answer that names none is the same login's). */
  previousUser: TokenUser | null
}

function errorCode(error: unknown): unknown {
  const data: unknown = isAxiosError(error) ? error.response?.data : undefined
  return typeof data === 'object' && data !== null ? (data as { error?: unknown }).error : undefined
}

/**
 * A bound login whose key is gone can never refresh again: its cookie is revoked (logout, sent without a
 * proof, which the server does not need there), unless IndexedDB now holds another key: then another tab
 * has signed in anew and the cookie is that login's.
 */
async function revokeOrphanedLogin(authHttp: AxiosInstance, backend: RefreshBackend, cause: unknown): Promise<RefreshOutcome> {
  if (!(cause instanceof DpopKeyLostError && cause.foundThumbprint !== null)) {
    const { profile } = backend
    const body = encodeAuthRequest(profile, { endpoint: 'logout' })
    await authHttp.request({ ...authEndpoint(profile.endpoints.logout, backend.apiBase), method: profile.methods.logout, data: body.data, headers: { 'Content-Type': body.contentType } }).catch(() => undefined)
  }
  return { kind: 'key-lost', cause }
}

/** A 4xx the profile does not call a refusal (404, 405, 400…): the server's last word, and not one the client understands. */
function notUnderstood(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429
}

/**
 * The started answer (`restore({ startedRefresh })`) as the bare auth instance would have handed it over: the response
 * for a 2xx, else an `AxiosError` (with the response, or none for a lost answer, `ECONNABORTED` for a timeout), so the
 * refresh reads it like its own.
 */
export function adoptStartedAnswer(answer: StartedRefreshAnswer, url: string, method: string): AxiosResponse<unknown> {
  const config = { url, method, headers: new AxiosHeaders() } as InternalAxiosRequestConfig
  if ('error' in answer) {
    throw new AxiosError(`start-up refresh: ${answer.error}`, answer.error === 'timeout' ? AxiosError.ECONNABORTED : AxiosError.ERR_NETWORK, config)
  }
  const response: AxiosResponse<unknown> = { status: answer.status, statusText: '', headers: answer.headers, data: answer.data, config }
  if (answer.status >= 200 && answer.status < 300) return response
  throw new AxiosError(`start-up refresh: ${answer.status}`, AxiosError.ERR_BAD_RESPONSE, config, null, response)
}

/**
 * Whether the boot module's refresh went where the client's would, with its method (an answer without a URL or a
 * method is taken as ours in that). A boot module told another endpoint or method than the profile's is a set-up
 * mistake: said on the console, and the client refreshes itself rather than read another route's answer (a 405) as a refresh.
 */
function isSameEndpoint(ours: string, ourMethod: string, { url = ours, method = ourMethod }: StartedRefreshAnswer): boolean {
  const page = (globalThis as { location?: { href?: string } }).location?.href ?? 'http://localhost/'
  const same = method === ourMethod && new URL(url, page).href === new URL(ours, page).href
  if (!same) console.warn(`silent-refresh: the start-up refresh was ${method} ${url}, the backend profile's refresh is ${ourMethod} ${ours}; give startRefreshEarly({ refreshURL, method }) the profile's. The client sends its own refresh.`)
  return same
}

/**
 * Calls the profile's refresh endpoint through the bare auth instance with the refresh cookie and, when the endpoint
 * is under the API's base (our contract), the current, possibly expired, access token (the server checks it was not
 * tampered with); with DPoP, a proof from the key the session is bound to, and one more attempt after a nonce
 * challenge (one refresh all the same). A new session whose answer and token name no user asks `endpoints.user` once.
 * `started`: the answer to this refresh's first request, sent before the client existed (`restore({ startedRefresh })`).
 */
export async function requestRefresh(
  authHttp: AxiosInstance,
  accessToken: string | null,
  serverNow: () => number,
  credentials: RequestCredentials,
  backend: RefreshBackend,
  started?: StartedRefreshAnswer | null,
): Promise<RefreshOutcome> {
  const { profile } = backend
  const target = authEndpoint(profile.endpoints.refresh, backend.apiBase)
  const method = profile.methods.refresh
  const what = `${method} ${profile.endpoints.refresh}`
  // The access token goes only under the API's base: to our contract's /api/auth/refresh, not to another auth server.
  const presented = target.baseURL === undefined ? accessToken : null
  let signed: SignedAuthRequest
  let body: EncodedAuthBody
  try {
    body = encodeAuthRequest(profile, { endpoint: 'refresh' })
    signed = await credentials.forRefresh(presented, authHttp.getUri(target), method)
  } catch (error) {
    if (error instanceof DpopKeyLostError) return revokeOrphanedLogin(authHttp, backend, error)
    return { kind: 'unavailable', status: null, retryAfterMs: null, cause: error }
  }
  try {
    let first = started && isSameEndpoint(authHttp.getUri(target), method, started) ? started : null
    const post = async () => {
      if (!first) return authHttp.request<unknown>({ ...target, method, data: body.data, headers: { ...(await signed.headers()), 'Content-Type': body.contentType } })
      const startedAnswer = first
      first = null
      if ('headers' in startedAnswer) credentials.remember(startedAnswer.headers)
      return adoptStartedAnswer(startedAnswer, target.url, method)
    }
    const response = await credentials.retryOnNonce(post)
    let answer: TokenAnswer
    try {
      answer = readAnswer(profile, response, what, serverNow, backend.previousUser)
      if (lacksUser(answer, profile)) {
        const token = answer.accessToken
        const user = await fetchUser(authHttp, profile, backend.apiBase, (userMethod, url) => credentials.forRequest(token, userMethod, url))
        answer = { ...answer, decoded: { ...answer.decoded, user: { id: user.id, email: user.email, name: user.name } } }
      }
    } catch (error) {
      return { kind: 'unavailable', status: response.status, retryAfterMs: null, cause: error }
    }
    return { kind: 'success', accessToken: answer.accessToken, decoded: answer.decoded, date: answer.date, sessionExpiresAt: answer.sessionExpiresAt }
  } catch (error) {
    const response = isAxiosError(error) ? error.response : undefined
    if (response && profile.isRefreshRefused(toProfileResponse(response))) return { kind: 'refused', cause: error }
    // A DPoP refusal is not the server being away: retrying later would back off forever.
    if (response?.status === 400 && errorCode(error) === 'invalid_dpop_proof') {
      return signed.proof ? { kind: 'refused', cause: error } : revokeOrphanedLogin(authHttp, backend, error)
    }
    // No answer: the server may have rotated the cookie. Without a reuse interval, the old one must never go again.
    if (!response && isAxiosError(error) && !profile.reuseInterval) return { kind: 'lost', cause: error }
    const status = response?.status ?? null
    if (response && notUnderstood(response.status)) {
      const cause = new UnexpectedAnswerError(`${what} answered ${response.status}, which the backend profile does not call a refusal`, { status: response.status, response: toProfileResponse(response) }, { cause: error })
      return { kind: 'unavailable', status, retryAfterMs: null, cause }
    }
    return { kind: 'unavailable', status, retryAfterMs: retryAfterMs(response?.headers, serverNow()), cause: error }
  }
}

/** The quick retry of one passing failure (`null`: none). */
export type QuickRetry = { minDelayMs: number; maxDelayMs: number } | null

/** A timeout already made the waiting requests wait the whole timeout: no second one. */
function timedOut(cause: unknown): boolean {
  return isAxiosError(cause) && (cause.code === 'ECONNABORTED' || cause.code === 'ETIMEDOUT')
}

/**
 * The delay before retrying an unavailable refresh, or null when it is not worth a quick retry: a 5xx, a network
 * error or a lost answer is; a timeout (it already cost the whole timeout), a 2xx/4xx answer (the server's last
 * word), offline, or a 429 asking for more than `maxDelayMs` is not.
 */
export function quickRetryDelay(outcome: Extract<RefreshOutcome, { kind: 'unavailable' }>, retry: QuickRetry, random: number, online: boolean): number | null {
  const passing = outcome.status === null || outcome.status >= 500 || outcome.status === 429
  if (!retry || !passing || timedOut(outcome.cause) || !online) return null
  const jitter = retry.minDelayMs + Math.floor(random * (retry.maxDelayMs - retry.minDelayMs))
  if (outcome.retryAfterMs === null) return outcome.status === 429 ? null : jitter
  return outcome.retryAfterMs <= retry.maxDelayMs ? Math.max(jitter, outcome.retryAfterMs) : null
}

/**
 * At most one run of `task` at a time: callers arriving while it runs get the promise in flight
 * (as TanStack Query's `Query.fetch()` returns the current promise when already fetching).
 */
export interface SingleFlight<A, T> {
  /** Starts `task(arg)` unless a run is in flight, in which case that run's promise is returned. */
  run(arg: A): Promise<T>
  /** The run in flight, if any. */
  current(): Promise<T> | null
}

export function createSingleFlight<A, T>(task: (arg: A) => Promise<T>): SingleFlight<A, T> {
  let inflight: Promise<T> | null = null
  return {
    run(arg) {
      if (inflight) return inflight
      const promise = Promise.resolve()
        .then(() => task(arg))
        .finally(() => {
          if (inflight === promise) inflight = null
        })
      // A run whose callers all went away (aborted) must not become an unhandled rejection.
      promise.catch(() => undefined)
      inflight = promise
      return promise
    },
    current: () => inflight,
  }
}

export interface RefreshParts {
  session: SessionModel
  authHttp: AxiosInstance
  profile: ResolvedBackendProfile
  /** The API's base URL (`options.baseURL`): the access token goes to the refresh only under it. */
  apiBase: string
  credentials: RequestCredentials
  coordinator: TabCoordinator | null
  retry: QuickRetry
  /** Random numbers in [0, 1) for the retry's jitter. */
  random(): number
  timers: Pick<Timers, 'setTimeout'>
  /** Whether the browser says it is online: offline, a refresh fails fast and burns no backoff. */
  isOnline(): boolean
}

/** When and how a refresh runs: one in flight, under the tabs' lock, with backoff after failures. */
export interface Refresh {
  /** The refresh in flight, if any (including a `restore()`). */
  inflight(): Promise<string> | null
  /**
   * Starts a refresh now unless one is in flight (explicit: `restore()`, `refresh()`). `started`: a request sent
   * before the client existed, whose answer is taken as this refresh's first (`restore({ startedRefresh })`).
   */
  run(reason: RefreshReason, started?: Started): Promise<string>
  /** An automatic refresh: shares the one in flight, fails fast while backing off or offline. */
  automatic(reason: RefreshReason): Promise<string>
  /** The token to replay a request that got a 401 with `sentToken`: refreshes only if it is still current. */
  tokenForReplay(sentToken: string | null): Promise<string>
}

/** A start-up refresh sent before the client existed (`silent-refresh/boot`), `null` when it sent nothing. */
type Started = Promise<StartedRefreshAnswer | null> | null

export function createRefresh(parts: RefreshParts): Refresh {
  const { session, coordinator } = parts
  const { tokens, clock } = session
  const epoch = () => session.state().epoch

  /** The error of the last unavailable refresh, with the backoff's next attempt. */
  function unavailableError(): RefreshUnavailableError {
    const { unavailable, backoff } = session.state()
    return refreshUnavailableError({ status: unavailable?.status ?? null, retryAt: backoff.retryAt, cause: unavailable?.cause })
  }

  /** The token after a login, logout or session end that happened while a refresh waited or ran. */
  function tokenAfterSessionChange(): string {
    const current = tokens.read()
    if (current) return current.token
    const { endReason } = session.state()
    throw endReason === null || endReason === 'logout' ? notAuthenticatedError() : sessionExpiredError(endReason)
  }

  /** A token another tab brought in since `before` was read, if it is fresh. */
  function freshTokenSince(before: string | null): string | null {
    const current = tokens.read()
    return current && current.token !== before && current.freshness === 'fresh' ? current.token : null
  }

  /**
   * Sends the refresh. One passing failure (a 500, a dropped connection, a lost answer) is sent again once, quickly,
   * inside the same refresh: the waiting requests never see it. A lost answer's retry gets the same cookie (the reuse
   * interval). Before waiting and after, the retry checks that no session change came, and after, no newer token.
   */
  async function sendWithQuickRetry(reason: RefreshReason, before: CurrentToken | null, startEpoch: number, started?: Started): Promise<RefreshOutcome> {
    const backend = { profile: parts.profile, apiBase: parts.apiBase, previousUser: before?.decoded.user ?? null }
    // The started request's answer is the first send's; a retry (lost answer) sends anew.
    let first = started ? await started : null
    const send = () => {
      const startedAnswer = first
      first = null
      return requestRefresh(parts.authHttp, before?.token ?? null, clock.serverNow, parts.credentials, backend, startedAnswer)
    }
    const outcome = await send()
    const delayMs = outcome.kind === 'unavailable' ? quickRetryDelay(outcome, parts.retry, parts.random(), parts.isOnline()) : null
    if (delayMs === null || epoch() !== startEpoch) return outcome
    session.emit({ type: 'refresh-retry', reason, delayMs })
    await new Promise<void>((resolve) => void parts.timers.setTimeout(resolve, delayMs))
    return epoch() === startEpoch && !freshTokenSince(before?.token ?? null) && parts.isOnline() ? send() : outcome
  }

  /** With a coordinator, under the tabs' lock, unless another tab has just refreshed. */
  function underLock(reason: RefreshReason, started?: Started): Promise<string> {
    if (!coordinator) return overHttp(reason, started)
    const startEpoch = epoch()
    const before = tokens.read()?.token ?? null
    return coordinator.withRefreshLock(async () => {
      if (epoch() !== startEpoch) return tokenAfterSessionChange()
      return freshTokenSince(before) ?? overHttp(reason, started)
    })
  }

  async function overHttp(reason: RefreshReason, started?: Started): Promise<string> {
    const startEpoch = epoch()
    const before = tokens.read()
    session.emit({ type: 'refresh-start', reason })
    const outcome = await sendWithQuickRetry(reason, before, startEpoch, started)
    // Signed in or out while this refresh ran: its answer belongs to a session that is gone.
    if (epoch() !== startEpoch) return tokenAfterSessionChange()
    switch (outcome.kind) {
      case 'success': {
        // Another tab signed out and in (or as someone else) while this one was frozen: a new session, not a refresh.
        const sameSession = before && before.decoded.user.id === outcome.decoded.user.id
        const startsVia = !before ? 'restore' : sameSession ? null : 'other-tab'
        const { accessToken: token, decoded, date: serverTime, sessionExpiresAt } = outcome
        // What the answer said of a token that cannot be decoded itself (opaque, or a JWT of another shape) goes with it.
        const facts = decodeAccessToken(token) ? {} : { decoded }
        session.dispatch({ type: 'token-adopted', token, issuedAt: decoded.issuedAt, serverTime, startsVia, sessionExpiresAt, from: reason, ...facts })
        return token
      }
      case 'key-lost':
        // A bound login whose key is gone can never refresh: end it rather than keep a dead session.
        return endSession(reason, 'key-lost', outcome.cause)
      case 'lost':
        // Even at start-up: the person had a session (the hint said so), and should hear why it is gone.
        return endSession(reason, 'refresh-lost', outcome.cause)
      case 'refused': {
        if (session.hasToken()) return endSession(reason, 'refresh-refused', outcome.cause)
        // Refused with no session to end (no cookie at start-up) is being anonymous, not a session end.
        const error = notAuthenticatedError(outcome.cause)
        session.emit({ type: 'refresh-failure', reason, error })
        throw error
      }
      case 'unavailable': {
        // Another tab refreshed while this one's request hung (it went on after the lock's bound): use its token.
        const adopted = freshTokenSince(before?.token ?? null)
        // Offline: the failure says nothing about the server; no backoff (`online` checks again).
        if (!adopted && !parts.isOnline()) throw offline(outcome.cause)
        const failure = { status: outcome.status, cause: outcome.cause }
        if (!adopted) session.dispatch({ type: 'refresh-unavailable', ...failure, retryAfterMs: outcome.retryAfterMs ?? 0 })
        const error = refreshUnavailableError({ ...failure, retryAt: session.state().backoff.retryAt })
        session.emit({ type: 'refresh-failure', reason, error })
        if (adopted) return adopted
        throw error
      }
    }
  }

  /** A refresh that ended the session: here (its `refresh-failure`, `session-end`, `onSessionEnd`) and in the other tabs. */
  function endSession(reason: RefreshReason, ends: 'refresh-refused' | 'key-lost' | 'refresh-lost', cause: unknown): never {
    const error = sessionExpiredError(ends, cause)
    session.dispatch({ type: 'session-end', reason: ends, refreshFailure: { reason, error } })
    throw error
  }

  function offline(cause?: unknown): OfflineError {
    session.dispatch({ type: 'connectivity', online: false })
    return offlineError(session.state().backoff.retryAt, cause)
  }

  /** One refresh; whatever it throws is an `AuthError` (an unexpected failure wrapped, as its cause). */
  async function attempt({ reason, started }: { reason: RefreshReason; started?: Started }): Promise<string> {
    try {
      // A started request goes on offline too: its answer (or its failure) says what happened.
      return await (parts.isOnline() || started ? underLock(reason, started) : Promise.reject(offline()))
    } catch (error) {
      throw asAuthError(error)
    }
  }

  const flight = createSingleFlight(attempt)

  function automatic(reason: RefreshReason): Promise<string> {
    const pending = flight.current()
    if (pending) return pending
    if (!parts.isOnline()) return Promise.reject(offline())
    if (clock.now() < session.state().backoff.retryAt) return Promise.reject(unavailableError())
    return flight.run({ reason })
  }

  return {
    inflight: () => flight.current(),
    run: (reason, started) => flight.run({ reason, started }),
    automatic,
    async tokenForReplay(sentToken) {
      const pending = flight.current()
      if (pending) await pending
      const current = tokens.read()
      if (!current) throw sentToken ? sessionExpiredError(session.state().endReason ?? 'refresh-refused') : notAuthenticatedError()
      if (current.token !== sentToken) return current.token
      return automatic('after-401')
    },
  }
}
