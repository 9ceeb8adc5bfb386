import type { ReactNode } from 'react'
import { RecoilRoot } from 'recoil'

/**
 * The app's state container; one per app and per test. The session comes in through `silent-refresh/recoil`,
 * whose atoms take the client's snapshot when first read: the first render already shows what an auth client
 * started before React knows (no splash frame).
 */
export function StateRoot({ children }: { children: ReactNode }) {
  return <RecoilRoot>{children}</RecoilRoot>
}
