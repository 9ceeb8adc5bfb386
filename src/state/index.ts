export { StateRoot } from './state-root'
export { useSession, useSessionStatus, useRefreshCounts, type Session } from './use-session'
export { refreshCounterOf, type RefreshCounts, type RefreshTally } from './refresh-counts'
export { useSessionNotice, useSessionNoticeActions, type SessionNotice, type SessionNoticeActions } from './session-notice'
