/**
 * `silent-refresh/recoil`: an auth client's session and access token as Recoil state, for apps whose components
 * read their state from Recoil. The client stays the source of truth; Recoil mirrors it through ONE path: an atom
 * effect per value, which takes the current value when a `RecoilRoot` first reads it and then follows the client
 * (`client.subscribe` for the session, `client.onTokenChange` for the token) until the root unmounts.
 * The only entry that imports Recoil (0.7, React 18; Recoil does not run on React 19: use `silent-refresh/react`).
 */
import { atom, selector, useRecoilValue, type RecoilValueReadOnly } from 'recoil'
import { AuthError, type AuthClient, type SessionSnapshot, type TokenStore } from 'silent-refresh'
import { useAuthClient } from 'silent-refresh/react'

/** One client's state in Recoil: read them with `useRecoilValue`, or with the hooks below. */
export interface RecoilAuthState {
  /** The client's session snapshot (`client.getSnapshot()`): status, user, expiry, online, … */
  session: RecoilValueReadOnly<SessionSnapshot>
  /** The access token the client's requests carry, or null: for what must send it itself (a WebSocket). */
  accessToken: RecoilValueReadOnly<string | null>
}

const bound = new WeakMap<AuthClient, { state: RecoilAuthState; store: TokenStore }>()
// Recoil keys are global: one pair per client, numbered.
let nextKey = 0

/**
 * The Recoil state of `client`, made on the first call and the same on every later one (call it where the client is
 * made, or during render: it touches no Recoil root). `store` is the `TokenStore` the client was created with: the
 * token atom starts from it, then follows `client.onTokenChange`. Read-only: only the client writes the session.
 * Another store for the same client throws an `AuthError` (`code: 'conflicting_token_store'`).
 *
 * @example
 * const store = createMemoryTokenStore()
 * const client = createAuthClient({ baseURL: '/api', store })
 * const { session, accessToken } = recoilAuthState(client, store)
 * // in a component under <RecoilRoot>:
 * const { status } = useRecoilValue(session)
 */
export function recoilAuthState(client: AuthClient, store: TokenStore): RecoilAuthState {
  const known = bound.get(client)
  if (known) {
    if (known.store !== store) {
      throw new AuthError('conflicting_token_store', 'recoilAuthState(client, store) was called again for this client with another store: pass the store the client was created with.')
    }
    return known.state
  }
  if (typeof store?.get !== 'function') {
    throw new AuthError('invalid_token_store', 'recoilAuthState(client, store) needs the TokenStore the client was created with (createAuthClient({ store })).')
  }
  const key = `silent-refresh/${++nextKey}`
  const session = atom<SessionSnapshot>({
    key: `${key}/session`,
    default: client.getSnapshot(),
    effects: [({ setSelf }) => {
      setSelf(client.getSnapshot())
      return client.subscribe((snapshot) => setSelf(snapshot))
    }],
  })
  const accessToken = atom<string | null>({
    key: `${key}/accessToken`,
    default: null,
    effects: [({ setSelf }) => {
      setSelf(store.get())
      return client.onTokenChange((token) => setSelf(token))
    }],
  })
  const state: RecoilAuthState = {
    session: selector({ key: `${key}/session/read`, get: ({ get }) => get(session) }),
    accessToken: selector({ key: `${key}/accessToken/read`, get: ({ get }) => get(accessToken) }),
  }
  bound.set(client, { state, store })
  return state
}

function stateOf(client: AuthClient): RecoilAuthState {
  const known = bound.get(client)
  if (!known) {
    throw new AuthError('missing_recoil_auth_state', 'The AuthProvider\'s client has no Recoil state: call recoilAuthState(client, store) where the client is made.')
  }
  return known.state
}

/**
 * The session of the `AuthProvider`'s client, read from Recoil (needs a `RecoilRoot` and `recoilAuthState(client, store)`).
 *
 * @example
 * function Header() {
 *   const { user } = useRecoilSession()
 *   return <header>{user ? user.name : 'Guest'}</header>
 * }
 */
export function useRecoilSession(): SessionSnapshot {
  return useRecoilValue(stateOf(useAuthClient()).session)
}

/**
 * The access token of the `AuthProvider`'s client, read from Recoil; null when signed out. Requests through
 * `client.http` need nothing of this: it is for what sends the token itself.
 *
 * @example
 * function LiveFeed() {
 *   const token = useAccessToken()
 *   useEffect(() => (token ? openSocket(token) : undefined), [token])
 *   return null
 * }
 */
export function useAccessToken(): string | null {
  return useRecoilValue(stateOf(useAuthClient()).accessToken)
}
