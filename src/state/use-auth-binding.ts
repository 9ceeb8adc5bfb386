import { useMemo } from 'react'
import { useRecoilCallback } from 'recoil'
import type { AuthEvent, TokenStore } from '../auth/types'
import { accessTokenReceivedAtState, accessTokenState, refreshCountsState, sessionStatusState } from './atoms'
import { countRefreshEvent } from './refresh-counts'
import { sessionReducer, type SessionAction } from './session-reducer'

export interface AuthBinding {
  /** A synchronous token store over the Recoil atom: `get()` sees a `set()` at once, before React renders. */
  store: TokenStore
  dispatch(action: SessionAction): void
  recordEvent(event: AuthEvent): void
}

/**
 * What the auth client needs from Recoil, stable for the life of the surrounding `RecoilRoot`.
 *
 * @example
 * const { store, dispatch, recordEvent } = useAuthBinding()
 * const [client] = useState(() => createAuthClient({ baseURL: '/api', store, onEvent: recordEvent }))
 */
export function useAuthBinding(): AuthBinding {
  // The callback snapshot is the store's latest tree, pending sets included.
  const get = useRecoilCallback(({ snapshot }) => () => snapshot.getLoadable(accessTokenState).getValue(), [])
  const set = useRecoilCallback(
    ({ set }) =>
      (token: string | null) => {
        set(accessTokenState, token)
        set(accessTokenReceivedAtState, token === null ? null : Date.now())
      },
    [],
  )
  const dispatch = useRecoilCallback(
    ({ set }) => (action: SessionAction) => set(sessionStatusState, (status) => sessionReducer(status, action)),
    [],
  )
  const recordEvent = useRecoilCallback(
    ({ set }) => (event: AuthEvent) => set(refreshCountsState, (counts) => countRefreshEvent(counts, event)),
    [],
  )
  return useMemo(() => ({ store: { get, set }, dispatch, recordEvent }), [get, set, dispatch, recordEvent])
}

/** Reports a session transition the app itself caused (a login, a logout) to the status reducer. */
export function useSessionDispatch(): (action: SessionAction) => void {
  return useAuthBinding().dispatch
}
