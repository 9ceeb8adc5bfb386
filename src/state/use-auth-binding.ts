import { useMemo } from 'react'
import { useRecoilCallback } from 'recoil'
import type { AuthEvent, SessionSnapshot, TokenStore } from 'silent-refresh'
import { accessTokenState, refreshCountsState, sessionSnapshotState } from './atoms'
import { countRefreshEvent } from './refresh-counts'

export interface AuthBinding {
  /** A synchronous token store over the Recoil atom: `get()` sees a `set()` at once, before React renders. */
  store: TokenStore
  /** Mirrors the client's session snapshot (pass it to `client.subscribe`). */
  mirror(snapshot: SessionSnapshot): void
  recordEvent(event: AuthEvent): void
}

/**
 * What the auth client needs from Recoil, stable for the life of the surrounding `RecoilRoot`.
 *
 * @example
 * const { store, mirror, recordEvent } = useAuthBinding()
 * const [client] = useState(() => createAuthClient({ baseURL: '/api', store, onEvent: recordEvent }))
 * useEffect(() => (mirror(client.getSnapshot()), client.subscribe(mirror)), [client, mirror])
 */
export function useAuthBinding(): AuthBinding {
  // The callback snapshot is the store's latest tree, pending sets included.
  const get = useRecoilCallback(({ snapshot }) => () => snapshot.getLoadable(accessTokenState).getValue(), [])
  const set = useRecoilCallback(({ set }) => (token: string | null) => set(accessTokenState, token), [])
  const mirror = useRecoilCallback(({ set }) => (snapshot: SessionSnapshot) => set(sessionSnapshotState, snapshot), [])
  const recordEvent = useRecoilCallback(
    ({ set }) => (event: AuthEvent) => set(refreshCountsState, (counts) => countRefreshEvent(counts, event)),
    [],
  )
  return useMemo(() => ({ store: { get, set }, mirror, recordEvent }), [get, set, mirror, recordEvent])
}
