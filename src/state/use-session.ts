import { useRecoilValue } from 'recoil'
import type { TokenUser } from '../auth/types'
import { refreshCountsState, sessionStatusState } from './atoms'
import type { RefreshCounts } from './refresh-counts'
import { accessTokenExpiryState, accessTokenIssuedAtState, accessTokenLocalExpiryState, currentUserState, isAuthenticatedState } from './selectors'
import type { SessionStatus } from './session-reducer'

export interface Session {
  status: SessionStatus
  isAuthenticated: boolean
  /** The signed-in user as the access token names them. */
  user: TokenUser | null
  /** The access token's `exp` in ms since the epoch, or null. */
  accessTokenExpiresAt: number | null
  /** The access token's `iat` in ms since the epoch, or null. */
  accessTokenIssuedAt: number | null
  /** When the access token expires by this tab's clock (lifetime counted from its arrival), or null. */
  accessTokenExpiresLocallyAt: number | null
}

/** The session as components see it; re-renders when any part changes. */
export function useSession(): Session {
  return {
    status: useRecoilValue(sessionStatusState),
    isAuthenticated: useRecoilValue(isAuthenticatedState),
    user: useRecoilValue(currentUserState),
    accessTokenExpiresAt: useRecoilValue(accessTokenExpiryState),
    accessTokenIssuedAt: useRecoilValue(accessTokenIssuedAtState),
    accessTokenExpiresLocallyAt: useRecoilValue(accessTokenLocalExpiryState),
  }
}

export function useSessionStatus(): SessionStatus {
  return useRecoilValue(sessionStatusState)
}

/** Refreshes since start-up by reason (session inspector). */
export function useRefreshCounts(): RefreshCounts {
  return useRecoilValue(refreshCountsState)
}
