import type { AxiosAdapter, AxiosInstance } from 'axios'
import type { DpopKeyStore } from './dpop/key-store'
import type { DpopSigner } from './dpop/signer'
import type { SessionExpiredError, StepUpChallenge } from './errors'

export type { StepUpChallenge } from './errors'

/**
 * Every public type of the client in one module near the bottom: it imports only types of the two leaves below it
 * (the DPoP building blocks, the errors), so no import circle can run through it.
 */

/** Where the app stands with the session. `ended` means it ended while in use (refresh refused, key lost). */
export type SessionStatus = 'unknown' | 'restoring' | 'authenticated' | 'anonymous' | 'ended'

/**
 * The answer to the start-up refresh (the profile's refresh endpoint) that was sent before the client existed (by the page's first module,
 * `silent-refresh/boot`), as it arrived: a response (any status, headers with lower-case names, the parsed body),
 * or no response at all (`network`: the connection failed or the answer was lost; `timeout`: none came in time).
 * `proof` says whether a DPoP proof went with the request.
 */
export type StartedRefreshAnswer = (
  | { status: number; headers: Record<string, string>; data: unknown; proof: boolean }
  | { error: 'network' | 'timeout'; proof: boolean }
) & {
  /**
   * The URL the request went to. The client adopts the answer only when it is its profile's refresh endpoint;
   * otherwise it warns on the console and sends its own refresh (a boot module given another endpoint than the client).
   */
  url?: string
  /** The method it was sent with (`startRefreshEarly({ method })`): adopted only when it is the profile's `methods.refresh`. */
  method?: string
}

/** Options of `client.restore()`. */
export interface RestoreOptions {
  /**
   * A start-up refresh already on its way (`startRefreshEarly()` from `silent-refresh/boot`), `null` when it sent
   * nothing. Its answer is this restore's first answer: no second request, the same outcome as if the client had sent
   * it (a nonce challenge answered once, a lost answer retried once, a refusal is being anonymous).
   */
  startedRefresh?: Promise<StartedRefreshAnswer | null> | null
}

/** Where the access token lives. The app binds it to Recoil; tests and benchmarks use the in-memory default. */
export interface TokenStore {
  get(): string | null
  set(token: string | null): void
}

/**
 * The user as the backend names them: the login or signup answer's user (as the profile's `readTokenResponse` reads
 * it), or `endpoints.user`'s (as its `readUserResponse` reads it). `id`, `email` and `name` (empty when the backend
 * has none) and whatever else it sent or the reader gave (the default profile's `createdAt`).
 */
export interface User {
  id: string
  email: string
  name: string
  createdAt?: string
  [field: string]: unknown
}

/** What the client knows of the signed-in user from the access token's claims alone. */
export interface TokenUser {
  id: string
  email: string
  name: string
}

/**
 * What the client knows of an access token: from its claims (decoded, never verified) when it is a JWT it can read,
 * else from the answer that brought it (`expiresIn`, its user). Times in milliseconds, server clock.
 */
export interface DecodedAccessToken {
  user: TokenUser
  expiresAt: number
  issuedAt: number
  /** The RFC 7638 thumbprint of the DPoP key the token is bound to (`cnf.jkt`), `null` for a Bearer token. */
  boundKey: string | null
}

export interface Credentials {
  email: string
  password: string
}

export interface SignupInput extends Credentials {
  name: string
}

/** Why a refresh ran: for logs and debugging panels. */
export type RefreshReason = 'before-request' | 'after-401' | 'restore' | 'manual' | 'wake'

/**
 * What made the client check the session at once: the page became visible, was shown again (`pageshow`;
 * `bfcache` when restored from the back/forward cache), the network came back, or the wall clock jumped (a sleep).
 */
export type WakeTrigger = 'visible' | 'pageshow' | 'bfcache' | 'online' | 'clock-jump'

/**
 * Why a session ended. `key-lost`: the session was bound to a DPoP key this browser no longer holds
 * (site data cleared), so it could never refresh again. `refresh-lost`: a refresh's answer was lost against a backend
 * without a reuse interval (`reuseInterval: false`): the server may have rotated the cookie, and sending the old one
 * again would end the login as theft, so the client does not; the session may have ended.
 */
export type SessionEndReason = SessionExpiredError['reason']

/** How a session began. */
export type SessionStartVia = 'login' | 'signup' | 'restore' | 'other-tab'

/** The session as the app sees it (`client.getSnapshot()`): immutable, replaced on every change. Never holds the token. */
export interface SessionSnapshot {
  status: SessionStatus
  /** Why the last session ended, or null. */
  endReason: SessionEndReason | null
  /** Bumped whenever the access token changes or goes: a WebSocket reconnects when it moves. */
  tokenVersion: number
  /** The signed-in user as the access token names them. */
  user: TokenUser | null
  /** The access token's `iat` and `exp` (ms, server clock), or null. */
  issuedAt: number | null
  expiresAt: number | null
  /** When the access token expires by this client's clock (the skew learnt from the server taken off), or null. */
  expiresLocallyAt: number | null
  /** When the whole login ends (client clock, ms), as the server's `sessionExpiresAt` says; null when unknown. */
  sessionExpiresAt: number | null
  /** False while the browser says it is offline: refreshes fail fast with `OfflineError`. */
  online: boolean
  /** A logout the server has not confirmed yet: it is sent again before any restore, and when the network returns. */
  logoutPending: boolean
}

/**
 * How `logout()` ended. Locally it always ends the session; `serverConfirmed: false` means the server could not be
 * told (network, 5xx, lost answer): the client keeps a pending-logout mark and finishes the logout when it can.
 */
export type LogoutResult = { serverConfirmed: true } | { serverConfirmed: false; cause: unknown }

export type AuthEvent =
  | { type: 'refresh-start'; reason: RefreshReason }
  | { type: 'refresh-success'; reason: RefreshReason }
  | { type: 'refresh-failure'; reason: RefreshReason; error: Error }
  | { type: 'session-start'; via: SessionStartVia }
  | { type: 'session-end'; reason: SessionEndReason }
  /** One failed refresh is tried again after `delayMs`, inside the same refresh. */
  | { type: 'refresh-retry'; reason: RefreshReason; delayMs: number }
  | { type: 'wake'; trigger: WakeTrigger }
  /** The logout could not reach the server: it is pending (signed out here, not yet on the server). */
  | { type: 'logout-pending' }
  /** A pending logout reached the server. */
  | { type: 'logout-completed' }
  /** Another tab said something (`connectTabs()`); only the message's kind, never its token. */
  | { type: 'tab-message'; message: TabMessage['type'] }

export interface AuthClient {
  /** The axios instance for every API call: attaches the token, refreshes before expiry and after a 401. */
  http: AxiosInstance
  /**
   * `fetch` with the client's credentials, for what axios cannot do well: a streamed response read as it arrives
   * (`response.body.getReader()`: server-sent events). The same request path as `http`: a URL under `baseURL` (its
   * session endpoints `auth/login`, `signup`, `refresh`, `logout` excepted) gets the access token (Bearer, or `DPoP`
   * with a proof for this method and URL); an expiring token waits for the client's one refresh first; a 401
   * `invalid_token` is replayed once with the refreshed (or newer) token; a DPoP nonce challenge is answered once.
   * It never refreshes on its own. Relative URLs are under `baseURL`; other URLs are fetched untouched. Resolves to
   * the `Response` whatever its status, as `fetch`; rejects with `NotAuthenticatedError` without a session, with the
   * refresh's `AuthError` (`SessionExpiredError`, `RefreshUnavailableError`) when it failed, with the signal's
   * reason when `init.signal` aborts (also while waiting for the refresh), and with `fetch`'s own network errors.
   *
   * @example
   * const controller = new AbortController()
   * const response = await client.authorizedFetch('/posts/stream', { headers: { Accept: 'text/event-stream' }, signal: controller.signal })
   * const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
   * // Reconnect on every new token: client.onTokenChange(() => { controller.abort(); connect() })
   */
  authorizedFetch(url: string, init?: RequestInit): Promise<Response>
  login(credentials: Credentials): Promise<User>
  signup(input: SignupInput): Promise<User>
  /**
   * Step-up: the person proves it is them again (RFC 9470). Posts the password with the access token to the profile's
   * `endpoints.reauthenticate`; the answer is a token for the same login with a fresh `auth_time`, adopted here and
   * told to the other tabs as a refresh's is. Rejects with `AuthRequestError` (`invalid_credentials` for a wrong
   * password, `too_many_attempts` with `retryAfterSeconds` once the login limiter says so), `NotAuthenticatedError`
   * without a session.
   *
   * @example
   * onStepUp: () => askPassword().then((password) => client.reauthenticate({ password }))
   */
  reauthenticate(input: { password: string }): Promise<void>
  /**
   * Ends the session here at once and tells the server. When the server cannot be told, the result says so and a
   * pending-logout mark is kept: it is sent again before any restore (this tab or another, now or after a restart)
   * and when the network returns, so the cookie cannot sign anyone back in.
   */
  logout(): Promise<LogoutResult>
  /**
   * One refresh from the cookie at start-up; concurrent callers share it (the same promise while it runs). Without the
   * session hint (see `sessionHint`) it resolves `false` at once, asking nothing. Resolves to whether a session exists;
   * rejects with `RefreshUnavailableError` when the server cannot be reached (the status stays `restoring`).
   * `startedRefresh`: a start-up refresh the page's first module already sent (`startRefreshEarly()` from
   * `silent-refresh/boot`): its answer is adopted as this restore's one refresh, nothing is sent again.
   *
   * @example
   * const startedRefresh = startRefreshEarly({ baseURL: '/api' }) // in the page's first module, a few KB
   * // … later, once the app's code has loaded:
   * await client.restore({ startedRefresh })
   */
  restore(options?: RestoreOptions): Promise<boolean>
  /** Single-flight refresh; resolves to the new access token. */
  refresh(): Promise<string>
  /**
   * Starts following the other tabs through `options.coordinator` (their logins, logouts, session ends and
   * refreshed tokens); returns the function that stops. Not done at creation, so that a client made and thrown
   * away (React StrictMode runs state initializers twice) listens to nothing: call it where side effects
   * belong, such as a React effect. Without a coordinator it does nothing.
   */
  connectTabs(): () => void
  /**
   * Checks the session when the page wakes up (visible again, restored from the back/forward cache, back online,
   * after a sleep): an expiring token is refreshed at once, an ended session ends now, a pending logout is sent.
   * Returns the function that stops. Call it where side effects belong (as `connectTabs`). Sources default to the browser's.
   */
  connectLifecycle(sources?: LifecycleSources): () => void
  /** The wake-up check itself (what `connectLifecycle` runs); settles when it is done, never rejects. */
  checkSession(trigger: WakeTrigger): Promise<void>
  /**
   * Calls `listener` when the access token changes (refresh, login, another tab) or goes (`null`): for a WebSocket or
   * event stream that must reconnect with the new token. Returns the unsubscribe function.
   */
  onTokenChange(listener: (token: string | null) => void): () => void
  /** Every event (as `options.onEvent` gets them), for a listener that comes later (a debugging panel). Returns the unsubscribe function. */
  onEvent(listener: (event: AuthEvent) => void): () => void
  /** The session now (status, user, expiry): the same object until something changes. */
  getSnapshot(): SessionSnapshot
  /** Called after every change with the new and the previous snapshot; returns the unsubscribe function. */
  subscribe(listener: (snapshot: SessionSnapshot, previous: SessionSnapshot) => void): () => void
  /**
   * Ejects the interceptors from `http`, disposes the coordinator (its channel closed), and makes the client send
   * nothing more: a refresh retry or wake check still pending, `refresh()`, `login()`, `logout()` and `authorizedFetch`
   * reject with an `AuthError` (code `disposed`) instead of reaching the server. Listeners added with
   * `subscribe`, `onEvent` and `onTokenChange`, and what `connectTabs()` and `connectLifecycle()` started, are
   * stopped with the functions those calls returned.
   */
  dispose(): void
}

export interface AuthClientOptions {
  /** The API root, e.g. `/api` in the browser or `http://localhost/api` in Node tests. Only requests under it get the token. */
  baseURL: string
  /**
   * How the backend speaks (the package README's "Backend profiles"): its auth endpoints (independent of `baseURL`), its token answers, which
   * answers mean "refresh and replay" and "the session is over", what its auth calls carry, its auth headers, DPoP, a
   * reuse interval. Default `defaultProfile` (the README's server contract). A profile that is wrong throws `BackendProfileError` here.
   */
  backend?: BackendProfile
  /** Holds the access token. In memory when omitted. */
  store?: TokenStore
  /** The client's clock in milliseconds. `Date.now` when omitted. */
  now?: () => number
  /** Refresh this long before the access token expires. Default 30 s (capped at a third of the token's lifetime). */
  refreshMarginMs?: number
  /**
   * Called once when a session ends, here or in another tab: `'refresh-refused'`, `'key-lost'` and `'refresh-lost'` leave
   * the status `ended`; `'logout'` leaves it `anonymous`.
   */
  onSessionEnd?: (reason: SessionEndReason) => void
  /** Every refresh and session transition, for logs and debugging panels. Never carries a token. */
  onEvent?: (event: AuthEvent) => void
  /**
   * Step-up (RFC 9470): called when an API answer says the person must re-verify (the profile's `isStepUpRequired`).
   * Ask them (a "Confirm it's you" dialog that calls `client.reauthenticate({ password })`) and resolve once they have;
   * reject when they cancel. Every request that meets a step-up meanwhile is held behind this one call and replayed
   * once when it resolves (rejected with `StepUpCancelledError` when it rejects). `signal` aborts when
   * `stepUpTimeoutMs` passes first (the held requests then reject with `StepUpTimeoutError`): close the prompt.
   * Absent: such an answer rejects with `StepUpRequiredError`.
   *
   * @example
   * onStepUp: ({ maxAge, signal }) => openConfirmDialog({ maxAge, signal }) // resolves after client.reauthenticate() succeeded
   */
  onStepUp?: (challenge: StepUpChallenge & { signal: AbortSignal }) => Promise<void>
  /** How long a step-up prompt may stay unanswered before the held requests reject with `StepUpTimeoutError`. Default 5 minutes, on `timers`. */
  stepUpTimeoutMs?: number
  /** An axios adapter for both the app and the refresh instance (benchmarks use an in-process one). */
  adapter?: AxiosAdapter
  /** The `fetch` that `authorizedFetch` sends with. Default: the global `fetch`, read when called. */
  fetch?: typeof fetch
  /** Timeout of the auth endpoints' requests (refresh, login, signup, logout). Default 10 s. */
  authTimeoutMs?: number
  /**
   * Backoff of automatic refreshes after the server could not be reached. Default 1 s doubling up to 30 s. A longer
   * `Retry-After` on the refresh's answer is honoured up to `maxMs`, never beyond it.
   */
  refreshBackoff?: { baseMs?: number; maxMs?: number }
  /**
   * Shares the session with the origin's other tabs (`createBrowserTabCoordinator()`, or `createTabCoordinator()`
   * with your own locks and channel): one refresh at a time across
   * tabs, and (after `connectTabs()`) their refreshed tokens, logins and logouts. The client owns it and
   * disposes it. None when omitted.
   */
  coordinator?: TabCoordinator | null
  /** Whether the browser says it is online. Default: `navigator.onLine` (true where there is no navigator). */
  isOnline?: () => boolean
  /**
   * One quick retry of a refresh that failed in passing (5xx, network, lost answer; not a 401, a timeout or a
   * 429 asking for more than `maxDelayMs`), after a random delay between the two bounds. Default 200–600 ms; `false` for none.
   */
  refreshRetry?: { minDelayMs: number; maxDelayMs: number } | false
  /** Random numbers in [0, 1) for the retry's jitter. Default `Math.random`. */
  random?: () => number
  /** Timers (the retry's delay, the wake watcher's clock-jump check). Default: the global ones, read when used. */
  timers?: Timers
  /** Where the pending-logout mark is kept (a flag and a time, never a token). Default `localStorage`, else memory. */
  persistentStorage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
  /**
   * Restore at start-up only when a "may have a session" hint (`session-hint=1` in `persistentStorage`, never a
   * token) says a session began here and has not ended: a first visit then makes no refresh call. Default: on
   * where the browser's `localStorage` exists, off elsewhere (every restore asks the server).
   */
  sessionHint?: boolean
  /**
   * DPoP (RFC 9449): the origin's key store and a signer (`createDpopKeyStore()`, `createDpopSigner()`).
   * Login and signup then bind the session to the key; bound tokens go as `DPoP <token>` with a proof per
   * request. `false` or omitted: Bearer (pass `false` where `detectDpopSupport()` says no).
   */
  dpop?: DpopParts | false
}

/**
 * The timers the client and its tab locks run on (the quick retry's delay, the auth requests' timeout, the wake
 * watcher's clock-jump check, the locks' bounds): the global ones by default, a test's manual ones in tests.
 * `now` is the wall clock the tabs' leases expire by (`Date.now` when absent); the client's own clock is
 * `AuthClientOptions.now`.
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(id: unknown): void
  setInterval(callback: () => void, ms: number): unknown
  clearInterval(id: unknown): void
  now?(): number
}

/** @deprecated The same as `Timers` (one timers type for the client and the tabs). */
export type ClientTimers = Timers

/** A minimal `EventTarget` (the window, the document, or a test's fake). */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: Event) => void): void
  removeEventListener(type: string, listener: (event: Event) => void): void
}

/**
 * Where the client hears that the page woke up: `online`/`offline`/`pageshow` on `window`, `visibilitychange` on
 * `document`. The app passes the browser's (the default); tests pass fakes.
 */
export interface LifecycleSources {
  window: EventSourceLike
  document: EventSourceLike & { readonly visibilityState: DocumentVisibilityState }
  /** How often the clock-jump check runs (ms). Default 10 s. */
  checkIntervalMs?: number
  /** A tick that comes this much later than planned means the machine slept. Default 30 s. */
  jumpThresholdMs?: number
}

/** DPoP for one client: the origin's key store and the signer holding the server's nonce. */
export interface DpopParts {
  keys: DpopKeyStore
  signer: DpopSigner
}

/** What the tabs of one origin tell each other. Only a same-origin channel carries it, never storage. */
export type TabMessage =
  /**
   * A refresh succeeded; `serverTime` is the sender's estimate of the server's clock (ms) when it sent this;
   * `sessionExpiresAt` (server clock, ms) when the answer said it.
   */
  | { type: 'token'; token: string; serverTime: number; sessionExpiresAt?: number | null; decoded?: DecodedAccessToken }
  /** Someone logged in or signed up: a new session. `decoded`: what the answer said of a token that cannot be decoded (opaque). */
  | { type: 'login'; token: string; serverTime: number; sessionExpiresAt?: number | null; decoded?: DecodedAccessToken }
  | { type: 'logout' }
  /**
   * The session is over for every tab: the server refused the refresh token, or the DPoP key it is bound to is
   * gone, or a refresh answer was lost where the server has no reuse interval. An older tab sends no `reason`: read
   * as `refresh-refused`.
   */
  | { type: 'session-end'; reason?: Exclude<SessionEndReason, 'logout'> }

/** Coordinates the auth clients of one origin's tabs; made by `createTabCoordinator` or `createBrowserTabCoordinator`. */
export interface TabCoordinator {
  /**
   * Runs `task` holding the origin's refresh lock, so that at most one tab refreshes at a time.
   * Bounded: a holder is released after a while even if its task has not settled, and a waiter stuck
   * behind a frozen holder takes over. The task's own outcome is returned either way.
   */
  withRefreshLock<T>(task: () => Promise<T>): Promise<T>
  /** Tells the other tabs (never this one). */
  publish(message: TabMessage): void
  /** Messages from the other tabs; returns the unsubscribe function. */
  subscribe(listener: (message: TabMessage) => void): () => void
  dispose(): void
}

/**
 * An HTTP answer as a backend profile reads it. The client builds it from axios, the conformance check from
 * `fetch`, the mock from its own response: one shape, so one profile serves all three.
 */
export interface ProfileResponse {
  status: number
  /** A response header by name (case-insensitive), `null` when absent. */
  header(name: string): string | null
  /** The JSON body when the answer was JSON, else its text (or `undefined` when empty). */
  body: unknown
}

/** What a login, signup or refresh answer says, as `readTokenResponse` reads it. */
export interface TokenResponse {
  /** The access token: a JWT (any `typ`, RFC 9068 `at+jwt` included) or an opaque string. */
  accessToken: string
  /**
   * Seconds the access token lives from this answer (OAuth's `expires_in`). Used when the token cannot be read
   * (opaque, or a JWT without `exp`); a readable `exp` wins.
   */
  expiresIn?: number | undefined
  /**
   * When the access token expires (ms since the epoch, on the server's clock: `Date.parse(body.expires_at)`), for an
   * answer that gives an absolute time. Used like `expiresIn` (a readable `exp` wins) and before it; never counted on
   * the page's clock, so a page whose clock runs ahead or behind still refreshes on time.
   */
  expiresAt?: number | undefined
  /** The signed-in user, when the answer carries one. */
  user?: User | undefined
  /** When the whole login ends (ms, server clock), when the answer says; `null` or absent when unknown. */
  sessionExpiresAt?: number | null | undefined
}

/**
 * What a profile's `readUserResponse` reads from the user endpoint's answer: an `id` (required; a number is made a
 * string), `email` and `name` (empty when absent), and any other field, which `login()` and `signup()` resolve with.
 */
export interface UserResponse {
  id: string | number
  email?: string | undefined
  name?: string | undefined
  [field: string]: unknown
}

/**
 * An auth call the client is about to send, as a profile's `writeRequest` gets it: which endpoint, and what the person
 * typed. The refresh cookie is never in it (the browser sends the cookie).
 */
export type AuthCall =
  | { endpoint: 'login'; email: string; password: string }
  | { endpoint: 'signup'; email: string; name: string; password: string }
  | { endpoint: 'reauthenticate'; password: string }
  | { endpoint: 'refresh' }
  | { endpoint: 'logout' }

/** An auth call's body: a plain object goes as JSON, a `URLSearchParams` as a form (`application/x-www-form-urlencoded`). */
export type AuthRequestBody = Record<string, unknown> | URLSearchParams

/** What a failed login, signup or step-up answer says, as a profile's `readError` reads it. */
export interface AuthErrorAnswer {
  /** A machine-readable code (`invalid_credentials`, `email_taken`, `too_many_attempts`, `invalid_request`, …). */
  code?: string | undefined
  /** The server's sentence for a person, when it sent one. */
  message?: string | undefined
}

/**
 * Where the auth endpoints are: paths from the origin (`/auth/refresh`) or full URLs, independent of the API's
 * `baseURL` (auth at `/auth` and the API at `/api` work together). The access token goes only to the API and to `user`.
 */
export interface BackendEndpoints {
  login: string
  refresh: string
  logout: string
  /** Absent: `client.signup()` rejects. */
  signup?: string
  /**
   * Asked once per session start for the user when neither the answer nor the token's claims name one; its answer is
   * read by the profile's `readUserResponse`.
   */
  user?: string
  /**
   * Where `client.reauthenticate({ password })` posts (step-up, RFC 9470), with the access token; its answer is a token
   * answer (`readTokenResponse`) for the same login with a fresh `auth_time`. Absent: `client.reauthenticate()` rejects.
   * `defaultProfile`'s: `/api/auth/reauthenticate`.
   */
  reauthenticate?: string
}

/** An HTTP method an auth call that sends a body may go with (`BackendProfile.methods`); the user endpoint's may also be `GET`. */
export type AuthMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * The HTTP method of each auth call (`BackendProfile.methods`), for a backend whose routes are not all `POST`. Left
 * out: `POST` for login, signup, refresh, logout and reauthenticate, `GET` for `user`. `GET` is refused for the calls
 * that send a body (all but `user`; refresh and logout send `writeRequest`'s, `{}` by default); `DELETE` carries it.
 * A refresh and a logout may then share one URL, told apart by their method. DPoP proofs name the method sent (`htm`).
 *
 * @example
 * // A NestJS-style backend: PUT /v1/sessions/current refreshes, DELETE /v1/sessions/current logs out
 * methods: { refresh: 'PUT', logout: 'DELETE' }
 */
export interface BackendMethods {
  login?: AuthMethod
  signup?: AuthMethod
  refresh?: AuthMethod
  logout?: AuthMethod
  reauthenticate?: AuthMethod
  /** The user endpoint's (`endpoints.user`), which sends no body: `GET` by default. */
  user?: AuthMethod | 'GET'
}

/**
 * How a backend speaks: where its auth endpoints are, how its token answers read, which answers mean "refresh and
 * replay" and "the session is over", what the auth calls carry. Given to `createAuthClient({ backend })` and to the
 * testing kit's `createTestBackend({ profile })` (and, in the silent-refresh repository, to its conformance check).
 * Only `endpoints` and `readTokenResponse` are required; the rest default to `defaultProfile`'s (the README's server
 * contract). A field it does not have (a misspelt `readTokenRespones`, `endpoints.referesh`, `mock.tokenAnwser`) is
 * refused with a `BackendProfileError` naming it, never ignored.
 *
 * @example
 * // A typical Express backend: /auth/*, snake_case answers, a plain 401 when the token expired, 403 on a refused refresh.
 * const backend: BackendProfile = {
 *   endpoints: { login: '/auth/login', refresh: '/auth/refresh', logout: '/auth/logout', signup: '/auth/register' },
 *   readTokenResponse: (body) => {
 *     const { access_token, expires_in, user } = body as { access_token: string; expires_in?: number; user?: User }
 *     return { accessToken: access_token, expiresIn: expires_in, user }
 *   },
 *   isTokenRejected: (response) => response.status === 401,
 *   isRefreshRefused: (response) => response.status === 401 || response.status === 403,
 *   authHeaders: {},
 *   dpop: false,
 *   reuseInterval: false,
 * }
 * const client = createAuthClient({ baseURL: '/api', backend })
 */
export interface BackendProfile {
  endpoints: BackendEndpoints
  /**
   * The HTTP method of each auth call, where it is not the default's (`POST`; `GET` for `user`). `GET` only for `user`.
   *
   * @example
   * methods: { refresh: 'PUT', logout: 'DELETE' } // PUT and DELETE /v1/sessions/current
   */
  methods?: BackendMethods
  /** Reads a login, signup or refresh answer's body. Returning no `accessToken` is an error that names the field. */
  readTokenResponse(body: unknown): TokenResponse
  /**
   * Reads the user endpoint's (`endpoints.user`) answer body into the user. Returning no `id` is a
   * `BackendProfileError` naming `readUserResponse().id`. The session (`getSnapshot().user`) keeps `id`, `email` and
   * `name`; `login()` and `signup()` resolve with every field it returns. Default: an object with `id`, or OpenID
   * Connect's userinfo with `sub`, and its `email` and `name`.
   *
   * @example
   * // GET /auth/me answers { data: { user_id: 7, first_name: 'Ada', last_name: 'L', email_address: 'a@x' } }
   * readUserResponse: (body) => {
   *   const { user_id, first_name, last_name, email_address } = (body as { data: Record<string, string | number> }).data
   *   return { id: user_id, email: String(email_address), name: `${first_name} ${last_name}` }
   * }
   */
  readUserResponse?(body: unknown): UserResponse
  /**
   * Whether an API answer means "this access token is no good: refresh and replay once". Default: 401 with an
   * RFC 6750 / RFC 9449 `error="invalid_token"` challenge. A typical backend's: any 401.
   */
  isTokenRejected?(response: ProfileResponse): boolean
  /** Whether a refresh answer ends the session. Default: 401. 403 is common too. */
  isRefreshRefused?(response: ProfileResponse): boolean
  /**
   * Whether an API answer means "the person must re-verify first" (step-up), and what the server asked for; `null` when
   * it does not. Asked before `isTokenRejected`. Default: RFC 9470, a 401 whose `WWW-Authenticate` (Bearer or DPoP) says
   * `error="insufficient_user_authentication"`, with its `max_age` and `acr_values`. The client then holds the request
   * behind one `onStepUp` prompt and replays it once.
   *
   * @example
   * // A backend that answers 403 { error: 'reauth_required', maxAgeSeconds } instead:
   * isStepUpRequired: (response) => {
   *   const body = response.body as { error?: string; maxAgeSeconds?: number } | undefined
   *   return response.status === 403 && body?.error === 'reauth_required' ? { maxAge: body.maxAgeSeconds } : null
   * }
   */
  isStepUpRequired?(response: ProfileResponse): StepUpChallenge | null
  /**
   * Writes an auth call's body, for a backend that takes another shape than the default contract: other field
   * names (`username`), a form, a `grant_type` (an OAuth token endpoint, where login and refresh may share one URL).
   * Return a plain object to send JSON, a `URLSearchParams` to send a form. Default: the contract's JSON,
   * `{ email, password }`, `{ email, name, password }`, `{ password }`, and `{}` for refresh and logout.
   * The testing kit's mock reads the same shape back: it learns the field names and the fixed values from this function.
   *
   * @example
   * // An OAuth-style token endpoint: a form, the password and the refresh grants at one URL
   * writeRequest: (call) => {
   *   if (call.endpoint === 'login') return new URLSearchParams({ grant_type: 'password', username: call.email, password: call.password })
   *   if (call.endpoint === 'refresh') return new URLSearchParams({ grant_type: 'refresh_token' })
   *   return new URLSearchParams()
   * }
   */
  writeRequest?(call: AuthCall): AuthRequestBody
  /**
   * Reads a failed login, signup or step-up answer (a 4xx or 5xx) into a code and a sentence, which become the
   * `AuthRequestError`'s `code` and `message` (an app shows "Wrong email or password" for `invalid_credentials`).
   * `null` or no `code`: the error's code is `unknown`. Default: the contract's `{ error, message }`, and OAuth's
   * `{ error, error_description }` (RFC 6749 §5.2).
   *
   * @example
   * // A backend that answers 401 { message } for a wrong password, and OAuth's invalid_grant elsewhere
   * readError: (response) => {
   *   const body = response.body as { error?: string; message?: string } | undefined
   *   if (response.status === 401) return { code: 'invalid_credentials', message: body?.message }
   *   return { code: body?.error === 'invalid_grant' ? 'invalid_credentials' : body?.error, message: body?.message }
   * }
   */
  readError?(response: ProfileResponse): AuthErrorAnswer | null
  /**
   * Whether a logout answer confirms that the server ended the login; until one does, the client keeps a
   * pending-logout mark and sends the logout again when it can. Default: 204, the contract's. Anything else (a captive
   * portal's 200 page, a proxy's 404, a 5xx) may never have reached the server.
   *
   * @example
   * // An RFC 7009 revocation endpoint answers 200 with an empty body
   * isLogoutConfirmed: (response) => response.status === 200
   */
  isLogoutConfirmed?(response: ProfileResponse): boolean
  /** Headers sent with every auth call (a CSRF header). Default `{ 'X-Requested-With': 'XMLHttpRequest' }`. */
  authHeaders?: Record<string, string>
  /** Whether the backend understands DPoP (RFC 9449); off, the client sends Bearer whatever `dpop` option it has. Default true. */
  dpop?: boolean
  /**
   * Whether the backend accepts the refresh cookie a rotation just replaced for a short while (a reuse interval).
   * Without one (`false`) the client never sends a refresh again after a lost answer: the cookie it holds may be
   * the rotated-away one, and presenting it would end the login. Default true.
   */
  reuseInterval?: boolean
  /**
   * How the testing kit's backend (`createTestBackend({ profile })`) writes in this dialect; the client never reads it.
   * Absent: it writes the default profile's contract.
   */
  mock?: BackendMockDialect
}

/** What the mock puts into a token answer: the dialect's `tokenAnswer` writes it as the backend's body. */
export interface MockTokenAnswer {
  accessToken: string
  /** `'Bearer'`, or `'DPoP'` for a DPoP-bound login. */
  tokenType: 'Bearer' | 'DPoP'
  /** Seconds the access token lives. */
  expiresIn: number
  /** When the access token expires, ISO time on the server's clock (for a backend that answers `expires_at`). */
  expiresAt: string
  /** The signed-in user (login and signup; a refresh answer has none). */
  user?: { id: string; email: string; name: string; createdAt: string }
  /** When the whole login ends, ISO time on the server's clock. */
  sessionExpiresAt: string
}

/**
 * The writing half of a backend profile, for the mock: the token answers' body, the answers that reject a token or
 * refuse a refresh, and the refresh cookie. The CSRF header the mock requires is `authHeaders`, DPoP is `dpop` and the
 * reuse interval is `reuseInterval`, as the client reads them. The mock checks at start that the profile's own
 * `readTokenResponse`, `readUserResponse`, `isTokenRejected` and `isRefreshRefused` read what this writes
 * (`BackendProfileError` otherwise).
 *
 * @example
 * // A typical Express backend (the package README's complete profile)
 * const mock: BackendMockDialect = {
 *   tokenAnswer: ({ accessToken, tokenType, expiresIn, user }) => ({ access_token: accessToken, token_type: tokenType, expires_in: expiresIn, ...(user ? { user } : {}) }),
 *   tokenRejected: { status: 401, body: { message: 'jwt expired' } },
 *   refreshRefused: { status: 403, body: { message: 'Forbidden' } },
 *   refreshCookie: { name: 'jid', path: '/auth' },
 * }
 */
export interface BackendMockDialect {
  /** The body of a login, signup or refresh answer. Default: the contract's `{ accessToken, tokenType, sessionExpiresAt, user? }`. */
  tokenAnswer?(answer: MockTokenAnswer): unknown
  /** The answer to an API request whose access token is missing, expired, revoked or bad. Default: the contract's 401 with an RFC 6750 challenge. */
  tokenRejected?: { status: number; body: unknown; headers?: Record<string, string> }
  /** The answer to a refused refresh (the cookie is cleared with it). Default: the contract's 401 `invalid_refresh_token`. */
  refreshRefused?: { status: number; body: unknown; headers?: Record<string, string> }
  /**
   * Every other error answer of the auth endpoints (a wrong password, an email taken, too many attempts, a bad
   * request), from the contract's status, code and sentence. Default: the contract's `{ error, message }` with that
   * status. The mock checks at start that the profile's `readError` reads the code back.
   *
   * @example
   * errorAnswer: ({ status, code, message }) => ({ status: status === 401 ? 400 : status, body: { error: code === 'invalid_credentials' ? 'invalid_grant' : code, error_description: message } })
   */
  errorAnswer?(error: { status: number; code: string; message: string }): { status: number; body: unknown; headers?: Record<string, string> }
  /** The answer to a logout (the cookie is cleared with it). Default: the contract's 204. The mock checks at start that `isLogoutConfirmed` accepts it. */
  logoutAnswer?: { status: number; body?: unknown; headers?: Record<string, string> }
  /**
   * The body of the user endpoint's answer (`endpoints.user`), from the kit's user. Default: the user as it is,
   * `{ id, email, name, createdAt }`. The mock checks at start that the profile's `readUserResponse` reads it back.
   *
   * @example
   * userAnswer: ({ id, email, name }) => ({ data: { user_id: id, first_name: name.split(' ')[0], last_name: name.split(' ').slice(1).join(' '), email_address: email } })
   */
  userAnswer?(user: { id: string; email: string; name: string; createdAt: string }): unknown
  /** The refresh cookie's name and `Path`. Default `refresh_token` on `/api/auth`. */
  refreshCookie?: { name: string; path: string }
  /**
   * The access tokens the mock hands out. `'jwt'` (default): its signed JWTs (`typ: "access"`, `exp`, `sub`, …).
   * `'opaque'`: a string the client cannot read as a JWT (the mock's JWT wrapped, unwrapped again when it comes back),
   * as a backend with opaque tokens answers: the client must go by `expiresIn` and read the user from the answer or
   * `endpoints.user`.
   */
  accessTokens?: 'jwt' | 'opaque'
}

/** A profile with every field filled in (`validateProfile`'s result). */
export type ResolvedBackendProfile = Required<Omit<BackendProfile, 'endpoints' | 'methods' | 'mock'>> & { endpoints: BackendEndpoints; methods: Required<BackendMethods>; mock?: BackendMockDialect }
