import type { AxiosInstance } from 'axios'
import type { LifecycleSources } from './options'
import type { SessionStatus } from './session-status'
import type { TabMessage } from './tabs/types'

export type { SessionStatus }

/** Where the access token lives. The app binds it to Recoil; tests and benchmarks use the in-memory default. */
export interface TokenStore {
  get(): string | null
  set(token: string | null): void
}

/**
 * The user as the backend names them: the login or signup answer's user (as the profile's `readTokenResponse` reads
 * it), or `endpoints.user`'s. `id`, `email` and `name` (empty when the backend has none) and whatever else it sent
 * (our contract's `createdAt`).
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

export interface Credentials {
  email: string
  password: string
}

export interface SignupInput extends Credentials {
  name: string
}

/** Why a refresh ran: shown by the session inspector. */
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
export type SessionEndReason = 'refresh-refused' | 'logout' | 'key-lost' | 'refresh-lost'

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
  login(credentials: Credentials): Promise<User>
  signup(input: SignupInput): Promise<User>
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
   */
  restore(): Promise<boolean>
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
  /** Every event (as `options.onEvent` gets them), for a listener that comes later (the session inspector). Returns the unsubscribe function. */
  onEvent(listener: (event: AuthEvent) => void): () => void
  /** The session now (status, user, expiry): the same object until something changes. */
  getSnapshot(): SessionSnapshot
  /** Called after every change with the new and the previous snapshot; returns the unsubscribe function. */
  subscribe(listener: (snapshot: SessionSnapshot, previous: SessionSnapshot) => void): () => void
  /** Removes listeners and timers, and disposes the coordinator. */
  dispose(): void
}
