import { http, HttpResponse, type HttpResponseResolver, type RequestHandler } from 'msw'
import { AuthError, type BackendProfile } from 'silent-refresh'
import { BOOT_NAMES } from 'silent-refresh/boot'
import type { MockConfig } from './server/core/config'
import { issueNonce } from './server/core/dpop'
import { sha256Hex } from './server/core/encoding'
import type { FailureKind } from './server/core/failures'
import { createMockRuntime } from './server/core/runtime'
import { DEMO_USER } from './server/core/seed'
import type { MockStats } from './server/core/stats'
import { InvalidTokenError, verifyToken } from './server/core/tokens'
import { ApiError } from './server/http/api-error'
import { authenticate } from './server/http/authenticate'
import { mockDialect, type MockDialect } from './server/http/dialect'
import { createEndpoint } from './server/http/endpoint'
import { authHandlers } from './server/handlers/auth'
import type { HandlerDeps } from './server/handlers/deps'
import { profileHandlers } from './server/handlers/profile'

/** How the next refresh fails: no connection, a 500, or handled completely (token rotated) with the answer lost. */
export type RefreshFailure = 'network' | 'server-error' | 'lost-answer'

export interface TestBackendOptions {
  /** Lifetime of the access tokens the backend issues (default 1 hour, as the contract's server). Whole seconds. */
  accessTokenTtlMs?: number
  /** Lifetime of a login, refreshed or not (default 14 days). */
  sessionTtlMs?: number
  /** DPoP (RFC 9449): `'optional'` (default: a client sending proofs gets bound tokens), `'required'` or `'off'`. */
  dpop?: MockConfig['dpop']
  /**
   * The backend profile whose dialect the backend speaks (the README's backend profile section): its auth endpoints,
   * its token answers (`mock.tokenAnswer`), its rejected-token and refused-refresh answers, its refresh cookie, its
   * CSRF header (`authHeaders`), no DPoP with `dpop: false` (unless the `dpop` option says otherwise) and no reuse
   * interval with `reuseInterval: false`. Default: `defaultProfile` (the README's server contract). A profile that does
   * not read what the backend would write throws `BackendProfileError` here.
   *
   * @example
   * import expressTypical from './backend-profile' // the profile the app gives createAuthClient
   * const backend = createTestBackend({ profile: expressTypical }) // POST /auth/login → { access_token, … }, cookie jid
   */
  profile?: BackendProfile
}

/** What the backend counted since it was made or last `reset()`. */
export interface TestBackendStats extends MockStats {
  /** Requests that reached the backend's handlers while `network.goOffline()` was in force (each one failed). */
  requestsWhileOffline: number
  /** Requests an app's own handler received through `protect()`, refused ones included. */
  protectedRequests: number
}

/** The browser's connection, as a test switches it. */
export interface TestNetwork {
  /** `navigator.onLine` becomes false, `offline` fires on `window`, and every request the backend sees fails as a network error. */
  goOffline(): void
  /** `navigator.onLine` becomes true, `online` fires on `window`, and requests are answered again. */
  goOnline(): void
  readonly online: boolean
}

export interface TestBackend {
  /** MSW handlers for the auth endpoints at any origin: put them first in `setupServer(...)`. */
  handlers: RequestHandler[]
  /** The one account the backend knows: sign in with it. */
  user: Readonly<{ email: string; password: string; name: string }>
  /** The server's clock moves on by the access-token lifetime: every access token issued so far has expired (the login lives on). */
  expireAccessToken(): Promise<void>
  /** The login ends on the server (as after a sign-out elsewhere): its access tokens are refused and the next refresh is 401. */
  endSession(): Promise<void>
  /** The next refresh fails this way; then the backend answers normally again. */
  failNextRefresh(kind: RefreshFailure): Promise<void>
  network: TestNetwork
  stats(): Promise<TestBackendStats>
  /**
   * A fresh backend: no session, a new signing key, the clock back to real time, counters at zero, online. It also
   * removes the marks a client keeps in the global `localStorage` (when there is one): the session hint
   * (`session-hint`), a pending logout (`auth:pending-logout`) and the DPoP nonce (`dpop-nonce`). Without that, a
   * client made after a test that signed in would find the hint and send a refresh to this fresh backend (and, after
   * a logout the server never heard, that logout first). A `persistentStorage` you gave a client is yours to clear.
   *
   * @example
   * beforeEach(() => backend.reset()) // every test starts as a first visit: restore() asks nothing
   */
  reset(): Promise<void>
  /** Wraps an app's own MSW resolver: a request without a valid, live access token gets the server's 401 `invalid_token` instead. */
  protect<R extends HttpResponseResolver<never, never, never>>(resolver: R): R
}

const FAILURES: Record<RefreshFailure, FailureKind> = { network: 'network', 'server-error': 500, 'lost-answer': 'lost-response' }
const OPTION_NAMES = ['accessTokenTtlMs', 'sessionTtlMs', 'dpop', 'profile']
const DPOP_MODES = ['off', 'optional', 'required']

const misuse = (message: string) => new AuthError('invalid_test_backend_use', message)

function parseOptions(options: unknown): { config: Partial<MockConfig>; dialect: MockDialect } {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw misuse(`createTestBackend(options) takes an object { ${OPTION_NAMES.map((name) => `${name}?`).join(', ')} }, got ${String(options)}`)
  }
  const source = options as Record<string, unknown>
  for (const key of Object.keys(source)) {
    if (!OPTION_NAMES.includes(key)) throw misuse(`createTestBackend() has no option "${key}"; it knows ${OPTION_NAMES.join(', ')}`)
  }
  // 'optional' unless told: an app's component tests usually run a Bearer client (no IndexedDB in jsdom), and a
  // client that sends proofs is still bound. The app's own mock defaults to 'required'.
  const dialect = mockDialect(source.profile as BackendProfile | undefined)
  const config: Partial<MockConfig> = { dpop: 'optional', ...dialect.config }
  for (const [key, field] of [['accessTokenTtlMs', 'accessTtlMs'], ['sessionTtlMs', 'refreshTtlMs']] as const) {
    const value = source[key]
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw misuse(`createTestBackend({ ${key} }) must be a positive number of milliseconds, got ${String(value)}`)
    }
    config[field] = value
  }
  if (source.dpop !== undefined) {
    if (!DPOP_MODES.includes(source.dpop as string)) throw misuse(`createTestBackend({ dpop }) must be one of ${DPOP_MODES.join(', ')}, got ${String(source.dpop)}`)
    config.dpop = source.dpop as MockConfig['dpop']
  }
  return { config, dialect }
}

/**
 * The browser's connection as the page sees it: `navigator.onLine` and the window's `online`/`offline` events.
 * `navigator.onLine` is an own property only while this backend has switched it; `restore()` takes it away.
 */
function createNetwork() {
  let online = true
  let installed = false
  const page = () => (typeof window === 'undefined' ? undefined : window)
  function set(next: boolean) {
    if (typeof navigator !== 'undefined' && !installed) {
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online })
      installed = true
    }
    online = next
    page()?.dispatchEvent(new Event(next ? 'online' : 'offline'))
  }
  return {
    network: {
      goOffline: () => set(false),
      goOnline: () => set(true),
      get online() {
        return online
      },
    } satisfies TestNetwork,
    /** Online again without an event (between tests, when no app listens any more). */
    restore() {
      online = true
      if (installed) delete (navigator as { onLine?: boolean }).onLine
      installed = false
    },
  }
}

/** What a client keeps in `localStorage` (`persistentStorage`'s default): never a token, but it outlives a reset backend. */
const CLIENT_MARKS = [BOOT_NAMES.sessionHint, BOOT_NAMES.pendingLogout, BOOT_NAMES.dpopNonce]

/**
 * Removes the client's marks from the global `localStorage`, where there is one (jsdom, happy-dom, a browser); in a
 * plain Node environment there is none and nothing happens. A storage that refuses access is left as it is.
 */
function removeClientMarks(): void {
  let storage: Storage | undefined
  try {
    storage = typeof localStorage === 'undefined' ? undefined : localStorage
  } catch {
    return // a `localStorage` getter that throws (an opaque origin): nothing the client could have written either
  }
  for (const key of CLIENT_MARKS) {
    try {
      storage?.removeItem(key)
    } catch {
      // The client writes these marks the same way: quietly, or not at all.
    }
  }
}

/** `<name>=<value>; …; Max-Age=<n>` (`refresh_token`, or the dialect's): the value, or null when the cookie is cleared. */
function refreshCookieValue(setCookie: string, name: string): string | null | undefined {
  const [pair, ...attributes] = setCookie.split(';')
  const separator = pair?.indexOf('=') ?? -1
  if (!pair || separator < 0 || pair.slice(0, separator).trim() !== name) return undefined
  const value = pair.slice(separator + 1).trim()
  const cleared = attributes.some((attribute) => /^\s*max-age\s*=\s*0\s*$/i.test(attribute))
  return value === '' || cleared ? null : value
}

/**
 * A strict auth server for component tests, in MSW handlers: the same server the silent-refresh project develops
 * against (JWT access tokens, refresh rotation with reuse detection, RFC 6750 challenges, DPoP), serving the
 * contract's `POST /api/auth/login|signup|refresh|logout` and `GET /api/me` at any origin, with one demo `user`.
 *
 * The refresh session is kept here, on the server side, for one browser: the backend remembers the refresh
 * token it last issued (as the browser's cookie would hold it) and sends no `Set-Cookie`, so nothing depends on
 * MSW's cookie jar (which Node tests cannot rely on) and any origin works, `http://` included.
 *
 * @example
 * const backend = createTestBackend()
 * const server = setupServer(...backend.handlers, http.get('*\/api/orders', backend.protect(() => HttpResponse.json([]))))
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
 * beforeEach(() => backend.reset())
 * afterAll(() => server.close())
 *
 * it('an expired access token: one refresh, the request replayed', async () => {
 *   // A fresh client per test (reset() left no session hint behind); an absolute base in Node, where there is no page origin
 *   const client = createAuthClient({ baseURL: 'http://localhost/api' })
 *   await client.login(backend.user)
 *   await backend.expireAccessToken()
 *   await client.http.get('/orders') // 401 invalid_token → one refresh → replayed
 *   expect((await backend.stats()).refreshCalls).toBe(1)
 * })
 */
export function createTestBackend(options: TestBackendOptions = {}): TestBackend {
  const { config, dialect } = parseOptions(options)
  const runtime = createMockRuntime({ config })
  const { network, restore: restoreNetwork } = createNetwork()
  /** The refresh token the one browser holds, as its HttpOnly cookie would. */
  let refreshToken: string | null = null
  let counters = { requestsWhileOffline: 0, protectedRequests: 0 }

  const serverEndpoint = createEndpoint(runtime, dialect)
  /** The server's endpoint, its `Set-Cookie` kept here instead of sent (a plain Response: MSW stores nothing). */
  const endpoint: HandlerDeps['endpoint'] = (endpointOptions, resolve) => {
    const inner = serverEndpoint(endpointOptions, resolve)
    const withoutCookie: HttpResponseResolver = async (info) => {
      const response = (await inner(info)) as Response | undefined
      const setCookie = response?.headers.get('set-cookie')
      if (!response || response.type === 'error' || !setCookie) return response
      const value = refreshCookieValue(setCookie, dialect.cookieName)
      if (value !== undefined) refreshToken = value
      const headers = new Headers(response.headers)
      headers.delete('set-cookie')
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
    }
    return withoutCookie
  }
  const deps: HandlerDeps = { runtime, endpoint, dialect, readRefreshCookies: () => (refreshToken === null ? [] : [refreshToken]) }

  const offlineGate = http.all('*', () => {
    if (network.online) return undefined
    counters.requestsWhileOffline++
    return HttpResponse.error()
  })

  return {
    handlers: [offlineGate, ...authHandlers(deps), ...profileHandlers(deps)],
    user: Object.freeze({ email: DEMO_USER.email, password: DEMO_USER.password, name: DEMO_USER.name }),

    async expireAccessToken() {
      const state = await runtime.state()
      // Tokens carry whole seconds: one more second than the lifetime puts every token issued so far past its `exp`.
      runtime.clock.advance(state.config.accessTtlMs + 1000)
    },

    async endSession() {
      const state = await runtime.state()
      if (refreshToken === null) {
        throw misuse('endSession(): no one is signed in to this test backend (no login, signup or refresh has started a session since the last reset)')
      }
      try {
        const claims = await verifyToken(state.keys, refreshToken, 'refresh', { nowSeconds: Math.floor(runtime.clock.now() / 1000), ignoreExpiry: true })
        const record = state.db.findRefreshToken(await sha256Hex(claims.jti))
        if (record && state.db.revokeFamily(record.familyId)) state.stats.familiesRevoked++
      } catch (error) {
        if (!(error instanceof InvalidTokenError)) throw error
        // A token this server cannot read has no session to end: the next refresh is refused anyway.
      }
    },

    async failNextRefresh(kind) {
      if (!Object.hasOwn(FAILURES, kind)) {
        throw misuse(`failNextRefresh() takes ${Object.keys(FAILURES).map((name) => `'${name}'`).join(', ')}; got ${JSON.stringify(kind)}`)
      }
      const state = await runtime.state()
      state.failures.refresh.push(FAILURES[kind])
    },

    network,

    async stats() {
      return { ...structuredClone((await runtime.state()).stats), ...counters }
    },

    async reset() {
      removeClientMarks()
      restoreNetwork()
      refreshToken = null
      counters = { requestsWhileOffline: 0, protectedRequests: 0 }
      await runtime.reset()
    },

    protect<R extends HttpResponseResolver<never, never, never>>(resolver: R): R {
      if (typeof resolver !== 'function') throw misuse(`protect(resolver) takes an MSW response resolver (a function), got ${String(resolver)}`)
      const guarded = async (info: Parameters<R>[0]) => {
        counters.protectedRequests++
        if (!network.online) {
          counters.requestsWhileOffline++
          return HttpResponse.error()
        }
        const state = await runtime.state()
        try {
          await authenticate(info.request, state, runtime.clock.now())
        } catch (error) {
          if (!(error instanceof ApiError)) throw error
          const refusal = dialect.rejection(error)
          if (state.config.dpop !== 'off') refusal.headers.set('DPoP-Nonce', await issueNonce(state.keys, runtime.clock.now()))
          return refusal
        }
        return resolver(info as never)
      }
      return guarded as unknown as R
    },
  }
}
