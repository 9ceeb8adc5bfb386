export { StateRoot } from './state-root'
export { useAuthBinding, type AuthBinding } from './use-auth-binding'
export { useSession, useSessionEndReason, useSessionStatus, useRefreshCounts, type Session } from './use-session'
export type { RefreshCounts, RefreshTally } from './refresh-counts'
