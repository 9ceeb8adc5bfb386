import type { AxiosInstance, AxiosResponse } from 'axios'
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

/**
 * Only the contract's own answer confirms a logout: 204. Anything else (a captive portal's 200 page, a proxy's 404,
 * a firewall's 403, a gateway's 401, a 5xx, no answer) may never have reached the server: the mark stays.
 */
function confirmsLogout(response: AxiosResponse): boolean {
  return response.status === 204
}

function unconfirmed(response: AxiosResponse): Error {
  const type = String(response.headers['content-type'] ?? 'no content type')
  return new Error(`POST /auth/logout answered ${response.status} (${type}), not the contract's 204: the logout is not confirmed`)
}

/** Logout, and the pending logout the server has not heard yet (marked in `localStorage`, sent when it can be). */
export function createLogout(parts: LogoutParts): Logout {
  const { session, authHttp, credentials, pendingLogout, isOnline, emit } = parts

  /** `POST /auth/logout`; resolves whether the server heard it. */
  async function sendLogout(token: string | null = null): Promise<LogoutResult> {
    try {
      // Signed when the session is bound.
      const response = await credentials.retryOnNonce(async () =>
        authHttp.post('/auth/logout', {}, { headers: await credentials.forLogout(token, authHttp.getUri({ url: '/auth/logout' })) }),
      )
      return confirmsLogout(response) ? { serverConfirmed: true } : { serverConfirmed: false, cause: unconfirmed(response) }
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
    // A new DPoP key for the next login, so that one browser's logins cannot be linked by their key (a pending
    // logout needs none: it is sent without a proof, the cookie names what to end).
    await credentials.forgetKey()
    if (result.serverConfirmed) pendingLogout.clear()
    else emit({ type: 'logout-pending' })
    session.dispatch({ type: 'logout-pending', pending: !result.serverConfirmed })
    session.dispatch({ type: 'ended', reason: 'logout' })
    parts.tell({ type: 'logout' })
    return result
  }

  return { logout, finishPending }
}
