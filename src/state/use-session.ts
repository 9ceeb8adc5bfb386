import { useRecoilValue } from 'recoil'
import type { SessionEndReason, SessionStatus, TokenUser } from '../auth'
import { refreshCountsState, sessionSnapshotState } from './atoms'
import type { RefreshCounts } from './refresh-counts'

export interface Session {
  status: SessionStatus
  isAuthenticated: boolean
  /** The signed-in user as the access token names them. */
  user: TokenUser | null
  /** The access token's `exp` in ms since the epoch (server clock), or null. */
  accessTokenExpiresAt: number | null
  /** The access token's `iat` in ms since the epoch (server clock), or null. */
  accessTokenIssuedAt: number | null
  /** When the access token expires by this tab's clock, or null. */
  accessTokenExpiresLocallyAt: number | null
  /** When the whole login ends by this tab's clock (the server's `sessionExpiresAt`), or null. */
  sessionExpiresAt: number | null
  /** False while the browser is offline. */
  online: boolean
  /** Signed out here, but the server has not heard the logout yet (it is sent again when possible). */
  logoutPending: boolean
}

/** The session as components see it (the auth client's snapshot); re-renders when it changes. */
export function useSession(): Session {
  const snapshot = useRecoilValue(sessionSnapshotState)
  return {
    status: snapshot.status,
    isAuthenticated: snapshot.status === 'authenticated' && snapshot.user !== null,
    user: snapshot.user,
    accessTokenExpiresAt: snapshot.expiresAt,
    accessTokenIssuedAt: snapshot.issuedAt,
    accessTokenExpiresLocallyAt: snapshot.expiresLocallyAt,
    sessionExpiresAt: snapshot.sessionExpiresAt,
    online: snapshot.online,
    logoutPending: snapshot.logoutPending,
  }
}

export function useSessionStatus(): SessionStatus {
  return useRecoilValue(sessionSnapshotState).status
}

/** Why the last session ended (`key-lost`: its DPoP key is gone), or null. */
export function useSessionEndReason(): SessionEndReason | null {
  return useRecoilValue(sessionSnapshotState).endReason
}

/** Refreshes since start-up by reason (session inspector). */
export function useRefreshCounts(): RefreshCounts {
  return useRecoilValue(refreshCountsState)
}
