import { useMemo } from 'react'
import { atom, useRecoilValue, useSetRecoilState } from 'recoil'

/** What the login page should say about how the last session ended, beyond the core's `endReason`. */
export interface SessionNotice {
  /** A post was clicked as the session ended: it was not sent, its draft is kept. */
  postKept: boolean
  /** This tab's own logout, and whether the server confirmed it; null when this tab did not log out. */
  signedOutHere: 'confirmed' | 'unconfirmed' | null
  /** The sign-out deleted this tab's draft or waiting posts (what a person writes is theirs until they sign out). */
  draftsDiscarded: boolean
}

const NO_NOTICE: SessionNotice = { postKept: false, signedOutHere: null, draftsDiscarded: false }

const sessionNoticeState = atom<SessionNotice>({ key: 'ui/sessionNotice', default: NO_NOTICE })

export function useSessionNotice(): SessionNotice {
  return useRecoilValue(sessionNoticeState)
}

export interface SessionNoticeActions {
  postKept(): void
  signedOutHere(serverConfirmed: boolean): void
  draftsDiscarded(): void
  /** A session is showing again: the notices of the last one are done. */
  clear(): void
}

/** Writers of the notice; they work after their component unmounted (a submit settling on the way to the login page). */
export function useSessionNoticeActions(): SessionNoticeActions {
  const set = useSetRecoilState(sessionNoticeState)
  return useMemo(
    () => ({
      postKept: () => set((notice) => ({ ...notice, postKept: true })),
      signedOutHere: (serverConfirmed) => set((notice) => ({ ...notice, signedOutHere: serverConfirmed ? 'confirmed' : 'unconfirmed' })),
      draftsDiscarded: () => set((notice) => ({ ...notice, draftsDiscarded: true })),
      clear: () => set(NO_NOTICE),
    }),
    [set],
  )
}
