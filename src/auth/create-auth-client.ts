import axios, { isAxiosError } from 'axios'
import { createAuthHttp } from './auth-http'
import { createBackoff } from './backoff'
import { createClockSkew } from './clock-skew'
import { DpopKeyLostError } from './dpop'
import { OfflineError, SessionExpiredError } from './errors'
import { installInterceptors } from './interceptors'
import { createPendingLogoutMark, defaultMarkStorage } from './lifecycle/pending-logout'
import { ALWAYS_RESTORE, browserHasStorage, createSessionHint } from './lifecycle/session-hint'
import { browserIsOnline, browserLifecycleSources, globalTimers, watchWake } from './lifecycle/wake-watcher'
import { createMemoryTokenStore } from './memory-token-store'
import { createRefreshPolicy } from './refresh-policy'
import { createRestore } from './restore'
import { createRequestCredentials } from './request-credentials'
import { createSessionModel, notify } from './session-model'
import { requestSignIn, type SignedIn } from './sign-in-request'
import { createTabFollower } from './tabs/tab-follower'
import { createTokenReader } from './token-reader'
import type { AuthClient, AuthClientOptions, AuthEvent, LogoutResult, TabMessage, User, WakeTrigger } from './types'

const DEFAULT_MARGIN_MS = 30_000
const DEFAULT_AUTH_TIMEOUT_MS = 10_000
const DEFAULT_REFRESH_RETRY = { minDelayMs: 200, maxDelayMs: 600 }

/** The server has heard a logout when it answered anything but a 5xx, a 408 or a 429 (a 401: nothing left to end). */
function logoutReachedServer(error: unknown): boolean {
  const status = isAxiosError(error) ? error.response?.status : undefined
  return status !== undefined && status < 500 && status !== 408 && status !== 429
}

/**
 * Creates one auth client: an axios instance for the app's API calls that attaches the access token,
 * refreshes it (one refresh in flight at most) before it expires and after a 401, and replays once.
 * One per app and per test. This file only wires the parts; src/auth/README.md explains the decisions.
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
  const credentials = createRequestCredentials(options.dpop || null, tokens)
  const authHttp = createAuthHttp({
    baseURL: options.baseURL,
    timeoutMs: options.authTimeoutMs ?? DEFAULT_AUTH_TIMEOUT_MS,
    ...adapter,
    ...(credentials.dpop ? { onResponse: credentials.remember } : {}),
  })
  const http = axios.create({ baseURL: options.baseURL, ...adapter })
  const emit = (event: AuthEvent) => notify(() => options.onEvent?.(event))
  const coordinator = options.coordinator ?? null
  const tell = (message: TabMessage) => coordinator?.publish(message)
  const isOnline = options.isOnline ?? browserIsOnline
  const timers = options.timers ?? globalTimers
  const persistentStorage = options.persistentStorage ?? defaultMarkStorage()
  const pendingLogout = createPendingLogoutMark(persistentStorage)
  const hint = (options.sessionHint ?? browserHasStorage()) ? createSessionHint(persistentStorage) : ALWAYS_RESTORE
  const session = createSessionModel({
    store,
    tokens,
    skew,
    backoff,
    emit,
    onSessionEnd: (reason) => notify(() => options.onSessionEnd?.(reason)),
    online: isOnline(),
    logoutPending: pendingLogout.isPending(),
  })
  const refresh = createRefreshPolicy({
    session,
    tokens,
    skew,
    backoff,
    authHttp,
    credentials,
    coordinator,
    now,
    emit,
    tell,
    isOnline,
    retry: options.refreshRetry === false ? null : (options.refreshRetry ?? DEFAULT_REFRESH_RETRY),
    random: options.random ?? Math.random,
    wait: (ms) => new Promise((resolve) => void timers.setTimeout(resolve, ms)),
  })

  /** An app request's credentials; a bound key that is gone goes to the refresh, which ends the session ('key-lost'). */
  async function headersFor(token: string, method: string, url: string): Promise<Record<string, string>> {
    try {
      return await credentials.forRequest(token, method, url)
    } catch (error) {
      if (!(error instanceof DpopKeyLostError)) throw error
      const current = tokens.read()
      if (!current) throw new SessionExpiredError('The session ended: this browser no longer has its DPoP key', { cause: error })
      // Another tab's token (bound to the key it signed in with) is newer than this one.
      const next = current.token !== token ? current.token : await refresh.run('before-request')
      return credentials.forRequest(next, method, url)
    }
  }

  function startSession(signedIn: SignedIn, via: 'login' | 'signup'): User {
    const { accessToken: token, decoded, date, sessionExpiresAt } = signedIn
    // The new login's cookie has replaced the one a pending logout was for.
    pendingLogout.clear()
    session.dispatch({ type: 'logout-pending', pending: false })
    session.dispatch({ type: 'token-adopted', token, issuedAt: decoded.issuedAt, serverTime: date, startsVia: via, sessionExpiresAt })
    tell({ type: 'login', token, serverTime: skew.serverNow(), sessionExpiresAt })
    return signedIn.user
  }

  /** `POST /auth/logout`; resolves whether the server heard it. */
  async function sendLogout(token: string | null = null): Promise<LogoutResult> {
    try {
      // Signed when the session is bound; the key stays in IndexedDB (the next login binds to it again).
      await credentials.retryOnNonce(async () =>
        authHttp.post('/auth/logout', {}, { headers: await credentials.forLogout(token, authHttp.getUri({ url: '/auth/logout' })) }),
      )
      return { serverConfirmed: true }
    } catch (cause) {
      return logoutReachedServer(cause) ? { serverConfirmed: true } : { serverConfirmed: false, cause }
    }
  }

  let finishing: Promise<boolean> | null = null
  /** Sends a pending logout (one at a time); resolves whether one is still pending. */
  function finishPendingLogout(): Promise<boolean> {
    if (!pendingLogout.isPending()) return Promise.resolve(false)
    if (!isOnline()) return Promise.resolve(true)
    finishing ??= sendLogout()
      .then(({ serverConfirmed }) => {
        if (!serverConfirmed) return true
        pendingLogout.clear()
        session.dispatch({ type: 'logout-pending', pending: false })
        emit({ type: 'logout-completed' })
        return false
      })
      .finally(() => {
        finishing = null
      })
    return finishing
  }

  async function checkSession(trigger: WakeTrigger): Promise<void> {
    emit({ type: 'wake', trigger })
    // Back online: the failures before said nothing about the server; the backoff starts over.
    session.dispatch({ type: 'connectivity', online: isOnline() })
    if (!isOnline() || (await finishPendingLogout())) return
    const { status } = session.getSnapshot()
    if (status === 'unknown' || status === 'restoring') return // the start-up restore decides
    const current = tokens.read()
    try {
      // Restored from the back/forward cache: the other tabs' messages were missed. A refresh under the lock
      // takes a newer token, ends a session that was ended, or finds a login that happened meanwhile.
      if (trigger === 'bfcache') await refresh.run('wake')
      else if (current && current.freshness !== 'fresh') await refresh.automatic('wake')
    } catch {
      // The refresh has told the session what happened (ended, unavailable, offline).
    }
  }

  const restore = createRestore({ session, tokens, refresh, pendingLogout, finishPendingLogout, hint })
  // The "may have a session" hint follows the status: a session began, or there is none.
  session.subscribe((now, before) => {
    if (now.status === before.status) return
    if (now.status === 'authenticated') hint.set()
    else if (now.status === 'anonymous' || now.status === 'ended') hint.clear()
  })

  const ejectInterceptors = installInterceptors(http, {
    baseURL: options.baseURL,
    tokens,
    inflight: refresh.inflight,
    refreshBefore: () => refresh.automatic('before-request'),
    tokenForReplay: refresh.tokenForReplay,
    ...(credentials.dpop ? { dpop: { headersFor, remember: credentials.remember } } : {}),
  })

  return {
    http,
    login: async ({ email, password }) => startSession(await requestSignIn(authHttp, '/auth/login', { email, password }, credentials), 'login'),
    signup: async ({ email, name, password }) =>
      startSession(await requestSignIn(authHttp, '/auth/signup', { email, name, password }, credentials), 'signup'),
    async logout() {
      const token = tokens.read()?.token ?? null
      session.dispatch({ type: 'superseded' })
      // Marked before the request, so that a tab closed while it runs still finishes it on the next start.
      pendingLogout.mark(now())
      const result = isOnline() ? await sendLogout(token) : { serverConfirmed: false as const, cause: new OfflineError('The browser is offline: the logout is pending') }
      if (result.serverConfirmed) pendingLogout.clear()
      else emit({ type: 'logout-pending' })
      session.dispatch({ type: 'logout-pending', pending: !result.serverConfirmed })
      session.dispatch({ type: 'ended', reason: 'logout' })
      tell({ type: 'logout' })
      return result
    },
    restore,
    refresh: () => refresh.run('manual'),
    connectTabs: () => coordinator?.subscribe(createTabFollower(session, tokens)) ?? (() => undefined),
    connectLifecycle(sources = browserLifecycleSources() ?? undefined) {
      if (!sources) return () => undefined
      session.dispatch({ type: 'connectivity', online: isOnline() })
      return watchWake(sources, timers, now, {
        wake: (trigger) => void checkSession(trigger),
        offline: () => session.dispatch({ type: 'connectivity', online: false }),
      })
    },
    checkSession,
    onTokenChange(listener) {
      return session.subscribe((now, before) => {
        if (now.tokenVersion !== before.tokenVersion) listener(store.get())
      })
    },
    getSnapshot: session.getSnapshot,
    subscribe: session.subscribe,
    dispose() {
      ejectInterceptors()
      coordinator?.dispose()
    },
  }
}
