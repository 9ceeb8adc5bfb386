import { useSyncExternalStore } from 'react'
import type { SessionEndReason, SessionStatus, TokenUser } from 'silent-refresh'
import { useAuthClient } from 'silent-refresh/react'
import { useRecoilSession } from 'silent-refresh/recoil'
import { refreshCounterOf, type RefreshCounts } from './refresh-counts'

export interface Session {
  status: SessionStatus
  isAuthenticated: boolean
  /** Why the last session ended (`logout` here or in another tab, or the server refused the refresh), or null. */
  endReason: SessionEndReason | null
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

/** The session as components see it (the auth client's snapshot, mirrored in Recoil); re-renders when it changes. */
export function useSession(): Session {
  const snapshot = useRecoilSession()
  return {
    status: snapshot.status,
    isAuthenticated: snapshot.status === 'authenticated' && snapshot.user !== null,
    endReason: snapshot.endReason,
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
  return useRecoilSession().status
}

/** Refreshes since start-up by reason (session inspector). */
export function useRefreshCounts(): RefreshCounts {
  const counter = refreshCounterOf(useAuthClient())
  return useSyncExternalStore(counter.subscribe, counter.get)
}
