export type EndpointName = 'signup' | 'login' | 'refresh' | 'logout' | 'reauthenticate' | 'me' | 'password' | 'posts' | 'sessions' | 'posts-stream'

/** Counters since the last `reset()`. */
export interface MockStats {
  /** Every call of the refresh endpoint, refused and nonce-challenged ones included. */
  refreshCalls: number
  /** Refresh calls not answered 200. */
  refreshFailures: number
  /** Families revoked by reuse, theft, logout or a device sign-out. */
  familiesRevoked: number
  /** Successful logins and signups. */
  logins: number
  requestsByEndpoint: Record<EndpointName, number>
  postsCreated: number
  /** Refreshes answered within the reuse interval with the family's current token again. */
  refreshGraceReuses: number
  /** Requests refused for a missing or bad DPoP proof (nonce challenges excluded). */
  dpopRejected: number
  /** Requests answered with a `use_dpop_nonce` challenge. */
  dpopNonceChallenges: number
  /** Answers 401 `insufficient_user_authentication` (step-up asked for, RFC 9470). */
  stepUpChallenges: number
  /** Successful `POST /api/auth/reauthenticate` answers. */
  reauthentications: number
  /** PBKDF2 derivations done for requests: each login that reaches the password check, each signup that stores one. */
  passwordHashes: number
}

export function createStats(): MockStats {
  return {
    refreshCalls: 0,
    refreshFailures: 0,
    familiesRevoked: 0,
    logins: 0,
    requestsByEndpoint: { signup: 0, login: 0, refresh: 0, logout: 0, reauthenticate: 0, me: 0, password: 0, posts: 0, sessions: 0, 'posts-stream': 0 },
    stepUpChallenges: 0,
    reauthentications: 0,
    postsCreated: 0,
    refreshGraceReuses: 0,
    dpopRejected: 0,
    dpopNonceChallenges: 0,
    passwordHashes: 0,
  }
}
