import axios from 'axios'
import { defaultProfile, validateProfile } from './backend-profile'
import { createLogout, createPendingLogoutMark, defaultMarkStorage } from './lifecycle/logout'
import { ALWAYS_RESTORE, browserHasStorage, createRestore, createSessionHint, hintFollowsStatus } from './lifecycle/restore'
import { browserIsOnline, browserLifecycleSources, createWakeCheck, globalTimers } from './lifecycle/wake'
import { bearerHeaders, createAuthorizedFetch } from './authorized-fetch'
import { AuthError, AuthOptionsError } from './errors'
import { createAuthHttp } from './http'
import { createRefresh } from './refresh'
import { createRequestCredentials, installInterceptors, withKeyLostFallback } from './request'
import { createSessionModel, DEFAULT_BACKOFF } from './session'
import { createSignIn } from './sign-in'
import { createStepUp, DEFAULT_STEP_UP_TIMEOUT_MS } from './step-up'
import { connectTabFollower } from './tabs/tab-follower'
import { createMemoryTokenStore } from './token'
import type { AuthClient, AuthClientOptions } from './types'

/**
 * Creates one auth client: an axios instance for the app's API calls that attaches the access token,
 * refreshes it (one refresh in flight at most) before it expires and after a 401, and replays once.
 * One per app and per test. This file only wires the parts; the core's README explains the decisions.
 *
 * @example
 * const client = createAuthClient({ baseURL: '/api', onSessionEnd: () => navigate('/login') })
 * await client.restore()
 * const { data: posts } = await client.http.get('/posts')
 */
export function createAuthClient(options: AuthClientOptions): AuthClient {
  checkOptions(options)
  // A profile that is wrong fails here, naming the field; never a silent fallback.
  const profile = options.backend === undefined ? defaultProfile : validateProfile(options.backend)
  const store = options.store ?? createMemoryTokenStore()
  const coordinator = options.coordinator ?? null
  const isOnline = options.isOnline ?? browserIsOnline
  const timers = options.timers ?? globalTimers
  const { baseURL, adapter } = options
  const persistentStorage = options.persistentStorage ?? defaultMarkStorage()
  const pendingLogout = createPendingLogoutMark(persistentStorage)
  const hint = (options.sessionHint ?? browserHasStorage()) ? createSessionHint(persistentStorage) : ALWAYS_RESTORE
  const session = createSessionModel({
    store,
    now: options.now ?? Date.now,
    refreshMarginMs: options.refreshMarginMs ?? 30_000,
    backoff: { ...DEFAULT_BACKOFF, ...options.refreshBackoff },
    online: isOnline(),
    logoutPending: pendingLogout.isPending(),
    onEvent: options.onEvent,
    onSessionEnd: options.onSessionEnd,
    tell: (message) => coordinator?.publish(message),
  })
  // DPoP only where the backend understands it.
  const credentials = createRequestCredentials((profile.dpop && options.dpop) || null, session.tokens)
  const onResponse = credentials.dpop ? credentials.remember : undefined
  const authHttp = createAuthHttp({ baseURL, timeoutMs: options.authTimeoutMs ?? 10_000, timers, adapter, onResponse, headers: profile.authHeaders })
  const backend = { profile, apiBase: baseURL }
  // A disposed client sends nothing more: a retry or a wake check still pending finds its auth calls refused here.
  let disposed = false
  const disposedError = () => new AuthError('disposed', 'This auth client was disposed: it sends nothing more (make a new one)')
  const whileLive = <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => (disposed ? Promise.reject(disposedError()) : call(...args))
  authHttp.interceptors.request.use((config) => {
    if (disposed) throw disposedError()
    return config
  })
  const http = axios.create({ baseURL, ...(adapter ? { adapter } : {}) })
  const retry = options.refreshRetry === false ? null : (options.refreshRetry ?? { minDelayMs: 200, maxDelayMs: 600 })
  const refresh = createRefresh({ session, authHttp, ...backend, credentials, coordinator, retry, random: options.random ?? Math.random, timers, isOnline })
  const { logout, finishPending: finishPendingLogout } = createLogout({ session, authHttp, ...backend, credentials, pendingLogout, isOnline })
  const wake = createWakeCheck({ session, refresh, timers, isOnline, finishPendingLogout })
  const restore = createRestore({ session, refresh, pendingLogout, finishPendingLogout, hint })
  hintFollowsStatus(session.subscribe, hint)

  // Step-up (RFC 9470): one prompt for every request that must wait for the person to re-verify.
  const stepUp = createStepUp({ onStepUp: options.onStepUp, timeoutMs: options.stepUpTimeoutMs ?? DEFAULT_STEP_UP_TIMEOUT_MS, timers })
  const requestSession = {
    baseURL,
    tokens: session.tokens,
    inflight: refresh.inflight,
    refreshBefore: () => refresh.automatic('before-request'),
    tokenForReplay: refresh.tokenForReplay,
    isTokenRejected: profile.isTokenRejected,
    isStepUpRequired: profile.isStepUpRequired,
    stepUp: stepUp.hold,
    stepUpRound: stepUp.round,
  }
  // A bound key that is gone goes to the refresh, which ends the session ('key-lost').
  const headersFor = credentials.dpop ? withKeyLostFallback(credentials, session.tokens, () => refresh.run('before-request')) : null
  const ejectInterceptors = installInterceptors(http, {
    ...requestSession,
    ...(headersFor ? { dpop: { headersFor, remember: credentials.remember } } : {}),
  })
  // The same request path for `fetch` (streamed responses): the same credentials, the same single refresh.
  const authorizedFetch = createAuthorizedFetch({
    ...requestSession,
    headersFor: headersFor ?? bearerHeaders,
    dpop: credentials.dpop,
    ...(credentials.dpop ? { remember: credentials.remember } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })

  const signIn = createSignIn({ session, authHttp, ...backend, credentials, pendingLogout, finishPendingLogout })
  return {
    http,
    authorizedFetch: whileLive(authorizedFetch),
    login: whileLive(signIn.login),
    signup: whileLive(signIn.signup),
    reauthenticate: whileLive(signIn.reauthenticate),
    logout: whileLive(logout),
    restore: whileLive(restore),
    refresh: whileLive(() => refresh.run('manual')),
    connectTabs: () => connectTabFollower(session, coordinator),
    connectLifecycle: (sources = browserLifecycleSources() ?? undefined) => wake.connect(sources),
    checkSession: (trigger) => (disposed ? Promise.resolve() : wake.checkSession(trigger)),
    onTokenChange: (listener) => session.subscribe((now, before) => void (now.tokenVersion !== before.tokenVersion && listener(store.get()))),
    onEvent: session.onEvent,
    getSnapshot: session.getSnapshot,
    subscribe: session.subscribe,
    dispose() {
      disposed = true
      ejectInterceptors()
      coordinator?.dispose()
    },
  }
}

/** Options a client cannot work with fail here, naming the option (a plain-JavaScript caller has no type checker). */
function checkOptions(options: AuthClientOptions): void {
  const wrong = (option: string, problem: string): never => {
    throw new AuthOptionsError(option, `createAuthClient: ${option} ${problem}`)
  }
  if (typeof options !== 'object' || options === null) wrong('options', "must be an object, e.g. { baseURL: '/api' }")
  if (typeof options.baseURL !== 'string' || options.baseURL.trim() === '') wrong('baseURL', "must be the API's root URL, e.g. '/api' or 'https://api.example.com'")
  for (const name of ['refreshMarginMs', 'authTimeoutMs'] as const) {
    const value = options[name]
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) wrong(name, 'must be a number of milliseconds, 0 or more')
  }
  if (options.store !== undefined && (typeof options.store?.get !== 'function' || typeof options.store?.set !== 'function')) wrong('store', 'must have get() and set(token)')
}
