import axios from 'axios'
import { createAuthHttp } from './auth-http'
import { createBackoff } from './backoff'
import { createClockSkew } from './clock-skew'
import { decodeAccessToken } from './decode-token'
import { NotAuthenticatedError, RefreshUnavailableError, SessionExpiredError } from './errors'
import { installInterceptors } from './interceptors'
import { createMemoryTokenStore } from './memory-token-store'
import { requestRefresh } from './refresh-request'
import { requestSignIn, type SignedIn } from './sign-in-request'
import { createSingleFlight } from './single-flight'
import { createTokenReader } from './token-reader'
import type { AuthClient, AuthClientOptions, AuthEvent, RefreshReason, SessionEndReason, TabMessage, User } from './types'

const DEFAULT_MARGIN_MS = 30_000
const DEFAULT_AUTH_TIMEOUT_MS = 10_000

/** Runs a listener so that its exception surfaces (asynchronously) without breaking the client's own flow. */
function notify<A>(listener: ((arg: A) => void) | undefined, arg: A): void {
  if (!listener) return
  try {
    listener(arg)
  } catch (error) {
    queueMicrotask(() => {
      throw error
    })
  }
}

/**
 * Creates one auth client: an axios instance for the app's API calls that attaches the access token,
 * refreshes it (one refresh in flight at most) before it expires and after a 401, and replays once.
 * Make one per app (and per test); nothing is shared between clients.
 *
 * Decisions a caller should know:
 * - A request to the API with no session (no token, no refresh in flight) fails at once with
 *   `NotAuthenticatedError` instead of being sent without a token.
 * - Aborting a request while it waits for a refresh rejects it with axios's `CanceledError`.
 * - After a refresh fails for lack of a server (network, timeout, 5xx, 429), automatic refreshes wait
 *   out a capped exponential backoff (or `Retry-After`); meanwhile requests fail fast with
 *   `RefreshUnavailableError`, except that a token that has not expired yet is still used.
 *   `restore()` and `refresh()` are explicit and always try.
 * - `restore()` resolves `false` when the server refuses the cookie (anonymous, not a session end) and
 *   rejects with `RefreshUnavailableError` when the server cannot be reached, so the UI can offer a retry.
 * - With a `coordinator`, the tabs of one origin share the session: refreshes take turns under one lock,
 *   and a tab that gets the lock after another tab refreshed uses that tab's token instead of refreshing.
 *   It follows the other tabs' logins and logouts once `connectTabs()` is called.
 *
 * @example
 * const client = createAuthClient({ baseURL: '/api', onSessionEnd: () => navigate('/login') })
 * await client.restore()
 * const { data: posts } = await client.http.get('/posts')
 */
export function createAuthClient(options: AuthClientOptions): AuthClient {
  const now = options.now ?? Date.now
  const store = options.store ?? createMemoryTokenStore()
  const skew = createClockSkew(now)
  const tokens = createTokenReader(store, skew, options.refreshMarginMs ?? DEFAULT_MARGIN_MS)
  const backoff = createBackoff(now, options.refreshBackoff)
  const adapter = options.adapter ? { adapter: options.adapter } : {}
  const authHttp = createAuthHttp({ baseURL: options.baseURL, timeoutMs: options.authTimeoutMs ?? DEFAULT_AUTH_TIMEOUT_MS, ...adapter })
  const http = axios.create({ baseURL: options.baseURL, ...adapter })
  const emit = (event: AuthEvent) => notify(options.onEvent, event)
  const coordinator = options.coordinator ?? null
  const tell = (message: TabMessage) => coordinator?.publish(message)
  /** Bumped by login, signup and logout (here or in another tab): a refresh that started before must not overwrite their outcome. */
  let epoch = 0
  let lastEnd: SessionEndReason | null = null
  let lastUnavailable: RefreshUnavailableError | null = null

  function endSession(reason: SessionEndReason): void {
    epoch += 1
    lastEnd = reason
    store.set(null)
    backoff.succeeded()
    emit({ type: 'session-end', reason })
    notify(options.onSessionEnd, reason)
  }

  function startSession(signedIn: SignedIn, via: 'login' | 'signup'): User {
    epoch += 1
    skew.observe({ issuedAt: signedIn.decoded.issuedAt, date: signedIn.date })
    store.set(signedIn.accessToken)
    backoff.succeeded()
    emit({ type: 'session-start', via })
    tell({ type: 'login', token: signedIn.accessToken, serverTime: skew.serverNow() })
    return signedIn.user
  }

  /** The token after a login, logout or session end that happened while a refresh waited or ran. */
  function tokenAfterSessionChange(): string {
    const current = tokens.read()
    if (current) return current.token
    throw lastEnd === 'refresh-refused'
      ? new SessionExpiredError('The session ended (in this tab or another) while a token refresh was running')
      : new NotAuthenticatedError('Signed out while a token refresh was running')
  }

  /** A token another tab brought in since `before` was read, if it is fresh. */
  function freshTokenSince(before: string | null): string | null {
    const current = tokens.read()
    return current && current.token !== before && current.freshness === 'fresh' ? current.token : null
  }

  /** The one place a refresh happens: with a coordinator, under the tabs' lock, unless another tab has just refreshed. */
  function runRefresh(reason: RefreshReason): Promise<string> {
    if (!coordinator) return refreshOverHttp(reason)
    const startEpoch = epoch
    const before = store.get()
    return coordinator.withRefreshLock(async () => {
      if (epoch !== startEpoch) return tokenAfterSessionChange()
      return freshTokenSince(before) ?? refreshOverHttp(reason)
    })
  }

  async function refreshOverHttp(reason: RefreshReason): Promise<string> {
    const startEpoch = epoch
    const before = tokens.read()
    emit({ type: 'refresh-start', reason })
    const outcome = await requestRefresh(authHttp, before?.token ?? null, skew.serverNow)
    // Signed in or out while this refresh ran: its answer belongs to a session that is gone.
    if (epoch !== startEpoch) return tokenAfterSessionChange()
    if (outcome.kind === 'ok') {
      skew.observe({ issuedAt: outcome.decoded.issuedAt, date: outcome.date })
      store.set(outcome.accessToken)
      backoff.succeeded()
      lastUnavailable = null
      emit({ type: 'refresh-success', reason })
      if (!before) emit({ type: 'session-start', via: 'restore' })
      tell({ type: 'token', token: outcome.accessToken, serverTime: skew.serverNow() })
      return outcome.accessToken
    }
    if (outcome.kind === 'refused') {
      // Refused with no session to end (no cookie at start-up) is being anonymous, not a session end.
      const hadSession = store.get() !== null
      const error = hadSession
        ? new SessionExpiredError('POST /auth/refresh was refused (401): the session has ended', { cause: outcome.cause })
        : new NotAuthenticatedError('POST /auth/refresh was refused (401): there is no session to restore', { cause: outcome.cause })
      emit({ type: 'refresh-failure', reason, error })
      if (hadSession) {
        endSession('refresh-refused')
        tell({ type: 'session-end' })
      }
      throw error
    }
    // Another tab refreshed while this one's request hung (it went on after the lock's bound): use its token.
    const adopted = freshTokenSince(before?.token ?? null)
    if (!adopted) backoff.failed(outcome.retryAfterMs ?? 0)
    const error = new RefreshUnavailableError(
      `POST /auth/refresh failed (${outcome.status === null ? 'no response' : `status ${outcome.status}`}); the session is kept`,
      { status: outcome.status, retryAt: backoff.retryAt() },
      { cause: outcome.cause },
    )
    emit({ type: 'refresh-failure', reason, error })
    if (adopted) return adopted
    lastUnavailable = error
    throw error
  }

  /** What another tab did: its session is this tab's too (one cookie jar). Never echoed back. */
  function followOtherTab(message: TabMessage): void {
    if (message.type === 'logout' || message.type === 'session-end') {
      const reason = message.type === 'logout' ? 'logout' : 'refresh-refused'
      if (store.get() !== null) return endSession(reason)
      // No token here, but a restore may be under way: its answer would belong to the ended session.
      epoch += 1
      lastEnd = reason
      return
    }
    const incoming = decodeAccessToken(message.token)
    const current = tokens.read()
    if (!incoming || current?.token === message.token) return
    // Messages can cross: never go back to an older token of the same session.
    if (message.type === 'token' && current && current.decoded.issuedAt > incoming.issuedAt) return
    const starts = message.type === 'login' || !current
    if (starts) epoch += 1
    skew.observe({ issuedAt: incoming.issuedAt, date: message.serverTime })
    store.set(message.token)
    backoff.succeeded()
    lastUnavailable = null
    if (starts) emit({ type: 'session-start', via: 'other-tab' })
  }

  const flight = createSingleFlight(runRefresh)

  function refreshAutomatically(reason: RefreshReason): Promise<string> {
    const pending = flight.current()
    if (pending) return pending
    if (now() < backoff.retryAt()) {
      return Promise.reject(
        new RefreshUnavailableError(
          `Token refresh is backing off after ${backoff.failures()} failure(s); next attempt after ${new Date(backoff.retryAt()).toISOString()} (client clock)`,
          { status: lastUnavailable?.status ?? null, retryAt: backoff.retryAt() },
          { cause: lastUnavailable },
        ),
      )
    }
    return flight.run(reason)
  }

  async function tokenForReplay(sentToken: string | null): Promise<string> {
    const pending = flight.current()
    if (pending) await pending
    const current = tokens.read()
    if (!current) {
      throw sentToken
        ? new SessionExpiredError('The session ended while this request was in flight')
        : new NotAuthenticatedError('No session: sign in before calling a protected endpoint')
    }
    if (current.token !== sentToken) return current.token
    return refreshAutomatically('after-401')
  }

  const ejectInterceptors = installInterceptors(http, {
    baseURL: options.baseURL,
    tokens,
    inflight: () => flight.current(),
    refreshBefore: () => refreshAutomatically('before-request'),
    tokenForReplay,
  })

  return {
    http,
    login: async ({ email, password }) => startSession(await requestSignIn(authHttp, '/auth/login', { email, password }), 'login'),
    signup: async ({ email, name, password }) =>
      startSession(await requestSignIn(authHttp, '/auth/signup', { email, name, password }), 'signup'),
    async logout() {
      epoch += 1
      try {
        await authHttp.post('/auth/logout', {})
      } catch {
        // The server could not be told; the local session ends all the same.
      } finally {
        endSession('logout')
        tell({ type: 'logout' })
      }
    },
    async restore() {
      const pending = flight.current()
      if (!pending && tokens.read()?.freshness === 'fresh') return true
      try {
        await (pending ?? flight.run('restore'))
        return true
      } catch (error) {
        if (error instanceof SessionExpiredError || error instanceof NotAuthenticatedError) return false
        throw error
      }
    },
    refresh: () => flight.run('manual'),
    connectTabs: () => coordinator?.subscribe(followOtherTab) ?? (() => undefined),
    dispose() {
      ejectInterceptors()
      coordinator?.dispose()
    },
  }
}
