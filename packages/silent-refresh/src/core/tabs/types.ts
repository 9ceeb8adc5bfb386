import type { DecodedAccessToken } from '../decode-token'
import type { SessionEndReason } from '../types'

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
   * gone, or a refresh answer was lost where the server has no reuse interval. An older tab sends no `reason`: read as `refresh-refused`.
   */
  | { type: 'session-end'; reason?: Exclude<SessionEndReason, 'logout'> }

/** Coordinates the auth clients of one origin's tabs; made by `createTabCoordinator`. */
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
