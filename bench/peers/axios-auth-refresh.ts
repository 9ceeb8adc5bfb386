import { createAuthRefresh } from 'axios-auth-refresh'
import type { Contestant } from '../contestants/contestant'
import { createPeerSession } from './peer-session'

/**
 * axios-auth-refresh as its README sets it up: refresh, then put the new token on the failed request.
 * `deduplicateRefresh: false` is the option its README offers for "every failed request" to refresh.
 */
export function axiosAuthRefresh(options: { deduplicateRefresh: boolean }): Contestant {
  return {
    name: options.deduplicateRefresh ? 'axios-auth-refresh' : 'axios-auth-refresh (no dedup)',
    description: options.deduplicateRefresh
      ? 'axios-auth-refresh 5.0.2, default options'
      : 'axios-auth-refresh 5.0.2 with `deduplicateRefresh: false`',
    create({ baseURL, adapter }) {
      const session = createPeerSession(baseURL, adapter)
      const interceptorId = createAuthRefresh(
        session.http,
        async (failedRequest: { response: { config: { headers: { set(name: string, value: string): void } } } }) => {
          const token = await session.refresh()
          failedRequest.response.config.headers.set('Authorization', `Bearer ${token}`)
        },
        { deduplicateRefresh: options.deduplicateRefresh },
      )
      return {
        http: session.http,
        login: session.login,
        // The library has no notion of a session: the app stays "signed in" whatever the refresh answered.
        signedIn: () => session.token.current !== null,
        dispose: () => session.http.interceptors.response.eject(interceptorId),
      }
    },
  }
}
