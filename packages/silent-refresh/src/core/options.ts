import type { AxiosAdapter } from 'axios'
import type { BackendProfile } from './backend-profile'
import type { DpopParts } from './request-credentials'
import type { TabCoordinator } from './tabs/types'
import type { AuthEvent, SessionEndReason, TokenStore } from './types'

export interface AuthClientOptions {
  /** The API root, e.g. `/api` in the browser or `http://localhost/api` in Node tests. Only requests under it get the token. */
  baseURL: string
  /**
   * How the backend speaks (docs/backend.md): its auth endpoints (independent of `baseURL`), its token answers, which
   * answers mean "refresh and replay" and "the session is over", its auth headers, DPoP, a reuse interval. Default
   * `defaultProfile` (this project's contract). A profile that is wrong throws `BackendProfileError` here.
   */
  backend?: BackendProfile
  /** Holds the access token. In memory when omitted. */
  store?: TokenStore
  /** The client's clock in milliseconds. `Date.now` when omitted. */
  now?: () => number
  /** Refresh this long before the access token expires. Default 30 s (capped at a third of the token's lifetime). */
  refreshMarginMs?: number
  /** Called once when a session ends: a refused refresh, or logout. */
  onSessionEnd?: (reason: SessionEndReason) => void
  /** Every refresh and session transition, for the session inspector and logs. Never carries a token. */
  onEvent?: (event: AuthEvent) => void
  /** An axios adapter for both the app and the refresh instance (benchmarks use an in-process one). */
  adapter?: AxiosAdapter
  /** Timeout of the auth endpoints' requests (refresh, login, signup, logout). Default 10 s. */
  authTimeoutMs?: number
  /** Backoff of automatic refreshes after the server could not be reached. Default 1 s doubling up to 30 s. */
  refreshBackoff?: { baseMs?: number; maxMs?: number }
  /**
   * Shares the session with the origin's other tabs (`createTabCoordinator`): one refresh at a time across
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
  timers?: ClientTimers
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

export interface ClientTimers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(id: unknown): void
  setInterval(callback: () => void, ms: number): unknown
  clearInterval(id: unknown): void
}

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

