import axios from 'axios'
import { createAuthHttp } from './auth-http'
import { createBackoff } from './backoff'
import { createClockSkew } from './clock-skew'
import { DpopKeyLostError } from './dpop'
import { NotAuthenticatedError, SessionExpiredError } from './errors'
import { installInterceptors } from './interceptors'
import { createMemoryTokenStore } from './memory-token-store'
import { createRefreshPolicy } from './refresh-policy'
import { createRequestCredentials } from './request-credentials'
import { createSessionModel, notify } from './session-model'
import { requestSignIn, type SignedIn } from './sign-in-request'
import { createTabFollower } from './tabs/tab-follower'
import { createTokenReader } from './token-reader'
import type { AuthClient, AuthClientOptions, AuthEvent, TabMessage, User } from './types'

const DEFAULT_MARGIN_MS = 30_000
const DEFAULT_AUTH_TIMEOUT_MS = 10_000

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
  const session = createSessionModel({ store, tokens, skew, backoff, emit, onSessionEnd: (reason) => notify(() => options.onSessionEnd?.(reason)) })
  const refresh = createRefreshPolicy({ session, tokens, skew, backoff, authHttp, credentials, coordinator, now, emit, tell })

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
    const { accessToken: token, decoded, date } = signedIn
    session.dispatch({ type: 'token-adopted', token, issuedAt: decoded.issuedAt, serverTime: date, startsVia: via })
    tell({ type: 'login', token, serverTime: skew.serverNow() })
    return signedIn.user
  }

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
      try {
        // The key stays in IndexedDB: the next login binds to it again.
        const headers = await credentials.forLogout(token, authHttp.getUri({ url: '/auth/logout' }))
        await authHttp.post('/auth/logout', {}, { headers })
      } catch {
        // The server could not be told; the local session ends all the same.
      } finally {
        session.dispatch({ type: 'ended', reason: 'logout' })
        tell({ type: 'logout' })
      }
    },
    async restore() {
      session.dispatch({ type: 'restore-started' })
      const pending = refresh.inflight()
      try {
        if (pending || tokens.read()?.freshness !== 'fresh') await (pending ?? refresh.run('restore'))
        session.dispatch({ type: 'restore-finished', hasSession: true })
        return true
      } catch (error) {
        if (!(error instanceof SessionExpiredError || error instanceof NotAuthenticatedError)) throw error
        session.dispatch({ type: 'restore-finished', hasSession: false })
        return false
      }
    },
    refresh: () => refresh.run('manual'),
    connectTabs: () => coordinator?.subscribe(createTabFollower(session, tokens)) ?? (() => undefined),
    getSnapshot: session.getSnapshot,
    subscribe: session.subscribe,
    dispose() {
      ejectInterceptors()
      coordinator?.dispose()
    },
  }
}
