import { isAxiosError, type AxiosInstance } from 'axios'
import { authEndpoint } from '../auth-http'
import type { ResolvedBackendProfile } from '../backend-profile'
import { OfflineError } from '../errors'
import type { RequestCredentials } from '../request-credentials'
import type { SessionModel } from '../session-model'
import type { TabMessage } from '../tabs/types'
import type { TokenReader } from '../token-reader'
import type { AuthEvent, LogoutResult } from '../types'
import type { PendingLogoutMark } from './pending-logout'

export interface LogoutParts {
  session: SessionModel
  tokens: TokenReader
  authHttp: AxiosInstance
  credentials: RequestCredentials
  pendingLogout: PendingLogoutMark
  profile: ResolvedBackendProfile
  apiBase: string
  now(): number
  isOnline(): boolean
  emit(event: AuthEvent): void
  tell(message: TabMessage): void
}

export interface Logout {
  /** `client.logout()`: ends the session here at once, tells the server, keeps a mark when it could not. */
  logout(): Promise<LogoutResult>
  /** Sends a pending logout (one at a time); resolves whether one is still pending. */
  finishPending(): Promise<boolean>
}

/** The server has heard a logout when it answered anything but a 5xx, a 408 or a 429 (a 401: nothing left to end). */
function logoutReachedServer(error: unknown): boolean {
  const status = isAxiosError(error) ? error.response?.status : undefined
  return status !== undefined && status < 500 && status !== 408 && status !== 429
}

/** Logout, and the pending logout the server has not heard yet (marked in `localStorage`, sent when it can be). */
export function createLogout(parts: LogoutParts): Logout {
  const { session, authHttp, credentials, pendingLogout, isOnline, emit } = parts
  const target = authEndpoint(parts.profile.endpoints.logout, parts.apiBase)

  /** The profile's logout endpoint (`POST /api/auth/logout` by default); resolves whether the server heard it. */
  async function sendLogout(token: string | null = null): Promise<LogoutResult> {
    try {
      // Signed when the session is bound; the key stays in IndexedDB (the next login binds to it again).
      await credentials.retryOnNonce(async () =>
        authHttp.post(target.url, {}, { ...target, headers: await credentials.forLogout(token, authHttp.getUri(target)) }),
      )
      return { serverConfirmed: true }
    } catch (cause) {
      return logoutReachedServer(cause) ? { serverConfirmed: true } : { serverConfirmed: false, cause }
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
        emit({ type: 'logout-completed' })
        return false
      })
      .finally(() => {
        finishing = null
      })
    return finishing
  }

  async function logout(): Promise<LogoutResult> {
    const token = parts.tokens.read()?.token ?? null
    session.dispatch({ type: 'superseded' })
    // Marked before the request, so that a tab closed while it runs still finishes it on the next start.
    pendingLogout.mark(parts.now())
    const result = isOnline() ? await sendLogout(token) : { serverConfirmed: false as const, cause: new OfflineError('The browser is offline: the logout is pending') }
    if (result.serverConfirmed) pendingLogout.clear()
    else emit({ type: 'logout-pending' })
    session.dispatch({ type: 'logout-pending', pending: !result.serverConfirmed })
    session.dispatch({ type: 'ended', reason: 'logout' })
    parts.tell({ type: 'logout' })
    return result
  }

  return { logout, finishPending }
}
