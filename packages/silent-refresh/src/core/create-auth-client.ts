import axios from 'axios'
import { createAuthHttp, toProfileResponse } from './auth-http'
import { defaultProfile, validateProfile } from './backend-profile'
import { createBackoff } from './backoff'
import { createClockSkew } from './clock-skew'
import { installInterceptors } from './interceptors'
import { createLogout } from './lifecycle/logout'
import { createPendingLogoutMark, defaultMarkStorage } from './lifecycle/pending-logout'
import { createRestore } from './lifecycle/restore'
import { createWakeCheck } from './lifecycle/wake-check'
import { ALWAYS_RESTORE, browserHasStorage, createSessionHint, hintFollowsStatus } from './lifecycle/session-hint'
import { browserIsOnline, browserLifecycleSources, globalTimers } from './lifecycle/wake-watcher'
import { createMemoryTokenStore } from './memory-token-store'
import type { AuthClientOptions } from './options'
import { createRefreshPolicy } from './refresh-policy'
import { createRequestCredentials, withKeyLostFallback } from './request-credentials'
import { createEventHub, notify } from './notify'
import { createSessionModel } from './session-model'
import { createSignIn } from './sign-in'
import { connectTabFollower } from './tabs/tab-follower'
import type { TabMessage } from './tabs/types'
import { createTokenReader } from './token-reader'
import type { AuthClient } from './types'

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
  // A profile that is wrong fails here, naming the field; never a silent fallback.
  const profile = options.backend === undefined ? defaultProfile : validateProfile(options.backend)
  const now = options.now ?? Date.now
  const store = options.store ?? createMemoryTokenStore()
  const coordinator = options.coordinator ?? null
  const isOnline = options.isOnline ?? browserIsOnline
  const timers = options.timers ?? globalTimers
  const skew = createClockSkew(now)
  const tokens = createTokenReader(store, skew, options.refreshMarginMs ?? 30_000)
  const backoff = createBackoff(now, options.refreshBackoff)
  const { baseURL, adapter } = options
  // DPoP only where the backend understands it.
  const credentials = createRequestCredentials((profile.dpop && options.dpop) || null, tokens)
  const onResponse = credentials.dpop ? credentials.remember : undefined
  const authHttp = createAuthHttp({ baseURL, timeoutMs: options.authTimeoutMs ?? 10_000, timers, adapter, onResponse, headers: profile.authHeaders })
  const http = axios.create({ baseURL, ...(adapter ? { adapter } : {}) })
  const events = createEventHub(options.onEvent)
  const { emit } = events
  const tell = (message: TabMessage) => coordinator?.publish(message)
  const persistentStorage = options.persistentStorage ?? defaultMarkStorage()
  const pendingLogout = createPendingLogoutMark(persistentStorage)
  const hint = (options.sessionHint ?? browserHasStorage()) ? createSessionHint(persistentStorage) : ALWAYS_RESTORE
  // What the parts below share, each taking what its own `…Parts` names.
  const shared = { store, tokens, skew, backoff, authHttp, credentials, coordinator, pendingLogout, hint, now, isOnline, timers, emit, tell, profile, apiBase: baseURL }
  const session = createSessionModel({
    ...shared,
    onSessionEnd: (reason) => notify(() => options.onSessionEnd?.(reason)),
    online: isOnline(),
    logoutPending: pendingLogout.isPending(),
  })
  const retry = options.refreshRetry === false ? null : (options.refreshRetry ?? { minDelayMs: 200, maxDelayMs: 600 })
  const refresh = createRefreshPolicy({ ...shared, session, retry, random: options.random ?? Math.random })
  const { logout, finishPending: finishPendingLogout } = createLogout({ ...shared, session })
  const wake = createWakeCheck({ ...shared, session, refresh, finishPendingLogout })
  const restore = createRestore({ ...shared, session, refresh, finishPendingLogout })
  hintFollowsStatus(session.subscribe, hint)

  const ejectInterceptors = installInterceptors(http, {
    baseURL,
    tokens,
    inflight: refresh.inflight,
    refreshBefore: () => refresh.automatic('before-request'),
    tokenForReplay: refresh.tokenForReplay,
    isTokenRejected: (response) => profile.isTokenRejected(toProfileResponse(response)),
    // A bound key that is gone goes to the refresh, which ends the session ('key-lost').
    ...(credentials.dpop ? { dpop: { headersFor: withKeyLostFallback(credentials, tokens, () => refresh.run('before-request')), remember: credentials.remember } } : {}),
  })

  return {
    http,
    ...createSignIn({ ...shared, session }),
    logout,
    restore,
    refresh: () => refresh.run('manual'),
    connectTabs: () => connectTabFollower({ ...shared, session }),
    connectLifecycle: (sources = browserLifecycleSources() ?? undefined) => wake.connect(sources),
    checkSession: wake.checkSession,
    onTokenChange: (listener) => session.subscribe((now, before) => void (now.tokenVersion !== before.tokenVersion && listener(store.get()))),
    onEvent: events.listen,
    getSnapshot: session.getSnapshot,
    subscribe: session.subscribe,
    dispose() {
      ejectInterceptors()
      coordinator?.dispose()
    },
  }
}
