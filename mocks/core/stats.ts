export type EndpointName = 'signup' | 'login' | 'refresh' | 'logout' | 'me' | 'posts'

/** Counters since the last `reset()`. */
export interface MockStats {
  /** Every call of the refresh endpoint, refused ones included. */
  refreshCalls: number
  /** Refresh calls not answered 200. */
  refreshFailures: number
  /** Families revoked by reuse, theft or logout. */
  familiesRevoked: number
  /** Successful logins and signups. */
  logins: number
  requestsByEndpoint: Record<EndpointName, number>
  postsCreated: number
}

export function createStats(): MockStats {
  return {
    refreshCalls: 0,
    refreshFailures: 0,
    familiesRevoked: 0,
    logins: 0,
    requestsByEndpoint: { signup: 0, login: 0, refresh: 0, logout: 0, me: 0, posts: 0 },
    postsCreated: 0,
  }
}
