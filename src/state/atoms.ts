import { atom } from 'recoil'
import { initialSnapshot, type SessionSnapshot } from 'silent-refresh'
import { NO_REFRESHES, type RefreshCounts } from './refresh-counts'

/** The access token: the single source of truth the auth client reads and writes through its store. Memory only. */
export const accessTokenState = atom<string | null>({ key: 'auth/accessToken', default: null })

/** Before the auth client has said anything. */
export const NO_SESSION: SessionSnapshot = initialSnapshot()

/** A mirror of the auth client's `getSnapshot()`, written only by `useAuthBinding().mirror`. */
export const sessionSnapshotState = atom<SessionSnapshot>({ key: 'auth/sessionSnapshot', default: NO_SESSION })

export const refreshCountsState = atom<RefreshCounts>({ key: 'auth/refreshCounts', default: NO_REFRESHES })
