import type { AxiosInstance, AxiosResponse } from 'axios'
import { AuthError, offlineError } from '../errors'
import { encodeAuthRequest } from '../backend-profile'
import { authEndpoint, toProfileResponse } from '../http'
import type { RequestCredentials } from '../request'
import type { SessionModel } from '../session'
import type { LogoutResult, ResolvedBackendProfile } from '../types'

export interface LogoutParts {
  session: SessionModel
  authHttp: AxiosInstance
  credentials: RequestCredentials
  pendingLogout: PendingLogoutMark
  profile: ResolvedBackendProfile
  /** The API's base URL (`options.baseURL`): where a profile's paths from the origin are resolved. */
  apiBase: string
  isOnline(): boolean
}

export interface Logout {
  /** `client.logout()`: ends the session here at once, tells the server, keeps a mark when it could not. */
  logout(): Promise<LogoutResult>
  /** Sends a pending logout (one at a time); resolves whether one is still pending. */
  finishPending(): Promise<boolean>
}

function unconfirmed(response: AxiosResponse, endpoint: string): Error {
  const type = String(response.headers['content-type'] ?? 'no content type')
  return new AuthError('logout_unconfirmed', `${endpoint} answered ${response.status} (${type}), which the backend profile's isLogoutConfirmed does not accept (the contract's: 204): the logout is not confirmed`)
}

/** Logout, and the pending logout the server has not heard yet (marked in `localStorage`, sent when it can be). */
export function createLogout(parts: LogoutParts): Logout {
  const { session, authHttp, credentials, pendingLogout, isOnline } = parts
  const profile = parts.profile
  const method = profile.methods.logout
  const target = authEndpoint(profile.endpoints.logout, parts.apiBase)

  /** The profile's logout endpoint (`POST /api/auth/logout` by default); resolves whether the server heard it. */
  async function sendLogout(token: string | null = null): Promise<LogoutResult> {
    try {
      const body = encodeAuthRequest(profile, { endpoint: 'logout' })
      // Signed when the session is bound.
      const response = await credentials.retryOnNonce(async () =>
        authHttp.request({ ...target, method, data: body.data, headers: { ...(await credentials.forLogout(token, authHttp.getUri(target), method)), 'Content-Type': body.contentType } }),
      )
      // Only the answer the profile names (the contract's 204): a captive portal's 200 page, a proxy's 404, a gateway's
      // 401 or a 5xx may never have reached the server, and the mark stays.
      return profile.isLogoutConfirmed(toProfileResponse(response)) ? { serverConfirmed: true } : { serverConfirmed: false, cause: unconfirmed(response, `${method} ${profile.endpoints.logout}`) }
    } catch (cause) {
      return { serverConfirmed: false, cause }
    }
  }

  let finishing: Promise<boolean> | null = null
  function finishPending(): Promise<boolean> {
    if (!pendingLogout.isPending()) return Promise.resolve(false)
    if (!isOnline()) return Promise.resolve(true)
    finishing ??= sendLogout()
      .then(({ serverConfirmed }) => {
        if (!serverConfirmed) return true
        pendingLogout.clear()
        session.dispatch({ type: 'logout-pending', pending: false })
        session.emit({ type: 'logout-completed' })
        return false
      })
      .finally(() => {
        finishing = null
      })
    return finishing
  }

  async function logout(): Promise<LogoutResult> {
    const token = session.tokens.read()?.token ?? null
    session.dispatch({ type: 'superseded' })
    // Marked before the request, so that a tab closed while it runs still finishes it on the next start.
    pendingLogout.mark(session.clock.now())
    const result = isOnline() ? await sendLogout(token) : { serverConfirmed: false as const, cause: offlineError() }
    // A new DPoP key for the next login, so that one browser's logins cannot be linked by their key (a pending
    // logout needs none: it is sent without a proof, the cookie names what to end).
    await credentials.forgetKey()
    if (result.serverConfirmed) pendingLogout.clear()
    else session.emit({ type: 'logout-pending' })
    session.dispatch({ type: 'logout-pending', pending: !result.serverConfirmed })
    session.dispatch({ type: 'session-end', reason: 'logout' })
    return result
  }

  return { logout, finishPending }
}

/** The key of the pending-logout mark in `localStorage`: shared by the origin's tabs, kept across restarts. */
export const PENDING_LOGOUT_KEY = 'auth:pending-logout'

export type MarkStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/**
 * A logout the server has not confirmed. Only a flag and the time it was asked for are kept (never a token):
 * the HttpOnly cookie itself is what the pending logout revokes.
 */
export interface PendingLogoutMark {
  isPending(): boolean
  mark(at: number): void
  clear(): void
}

export function createPendingLogoutMark(storage: MarkStorage): PendingLogoutMark {
  return {
    isPending: () => safely(() => storage.getItem(PENDING_LOGOUT_KEY) !== null, false),
    mark: (at) => safely(() => storage.setItem(PENDING_LOGOUT_KEY, JSON.stringify({ since: at })), undefined),
    clear: () => safely(() => storage.removeItem(PENDING_LOGOUT_KEY), undefined),
  }
}

/** `localStorage` where there is one (a browser), else memory (Node, or storage that throws: private modes, quotas). */
export function defaultMarkStorage(): MarkStorage {
  const local = safely(() => globalThis.localStorage, undefined)
  if (local) return local
  const items = new Map<string, string>()
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  }
}

function safely<T>(run: () => T, fallback: T): T {
  try {
    return run()
  } catch {
    return fallback
  }
}
