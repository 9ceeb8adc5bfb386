import type { ReactNode } from 'react'
import { RecoilRoot } from 'recoil'
import type { SessionSnapshot } from 'silent-refresh'
import { sessionSnapshotState } from './atoms'

/**
 * The app's state container; one per app and per test. `initialSession`: the snapshot of an auth client that
 * started before React (the early restore), so the first render already shows what it knows (no splash frame).
 */
export function StateRoot({ children, initialSession }: { children: ReactNode; initialSession?: SessionSnapshot }) {
  return (
    <RecoilRoot initializeState={initialSession ? ({ set }) => set(sessionSnapshotState, initialSession) : undefined}>
      {children}
    </RecoilRoot>
  )
}
