import type { DecodedAccessToken } from './decode-token'
import type { SessionEndReason, SessionStartVia } from './types'

/**
 * Everything that changes the session. New kinds (a wake-up check, going offline, a pending logout)
 * are added here and handled in `session-model.ts`'s `apply`, nowhere else.
 */
export type SessionEvent =
  | { type: 'restore-started' }
  | { type: 'restore-finished'; hasSession: boolean }
  /**
   * A token to use from now on (refresh, login, signup, another tab). `startsVia` is set when it opens a
   * new session; `serverTime` is what the response says of the server's clock (its `Date`), if anything.
   * `sessionExpiresAt` is the answer's, on the server's clock (ms); the snapshot holds it in client time.
   * `decoded`: what the answer said of the token (its expiry, its user), for a token that cannot be decoded itself.
   */
  | { type: 'token-adopted'; token: string; issuedAt: number; serverTime: number | null; startsVia: SessionStartVia | null; sessionExpiresAt?: number | null; decoded?: DecodedAccessToken }
  /** A refresh could not reach the server: back off (at least `retryAfterMs`). */
  | { type: 'refresh-unavailable'; status: number | null; retryAfterMs: number; cause: unknown }
  /** A login, signup or logout began, or a session ended elsewhere while none was here: older refreshes lose. */
  | { type: 'superseded'; endReason?: SessionEndReason }
  | { type: 'ended'; reason: SessionEndReason }
  /** The browser went offline or came back; coming back resets the refresh backoff. */
  | { type: 'connectivity'; online: boolean }
  /** A logout the server has not confirmed is pending (or no longer). */
  | { type: 'logout-pending'; pending: boolean }
