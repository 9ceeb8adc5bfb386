import type { ReactNode } from 'react'
import { RecoilRoot } from 'recoil'

/** The app's state container; one per app and per test. */
export function StateRoot({ children }: { children: ReactNode }) {
  return <RecoilRoot>{children}</RecoilRoot>
}
