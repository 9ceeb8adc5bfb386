import { atom } from 'recoil'
import type { SessionStatus } from './session-reducer'
import { NO_REFRESHES, type RefreshCounts } from './refresh-counts'

/** The access token: the single source of truth the auth client reads and writes through its store. Memory only. */
export const accessTokenState = atom<string | null>({ key: 'auth/accessToken', default: null })

/** When this tab received the current access token, by the client clock (ms), or null. */
export const accessTokenReceivedAtState = atom<number | null>({ key: 'auth/accessTokenReceivedAt', default: null })

export const sessionStatusState = atom<SessionStatus>({ key: 'auth/sessionStatus', default: 'unknown' })

export const refreshCountsState = atom<RefreshCounts>({ key: 'auth/refreshCounts', default: NO_REFRESHES })
