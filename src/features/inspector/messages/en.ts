import type { AuthEvent, RefreshReason, SessionStatus } from 'silent-refresh'
import type { ConnectCause } from '../../../lib/live-stream'

type TabMessageKind = Extract<AuthEvent, { type: 'tab-message' }>['message']
type StartVia = Extract<AuthEvent, { type: 'session-start' }>['via']
type EndReason = Extract<AuthEvent, { type: 'session-end' }>['reason']
type Trigger = Extract<AuthEvent, { type: 'wake' }>['trigger']

/**
 * The session inspector's strings in English. The inspector exists in mock mode only, so its catalogue lives with it
 * (out of the production build) instead of in src/i18n; Korean is typed against it, as there.
 */
export const inspectorEn = {
  toggle: 'Session inspector',
  escHint: 'Esc closes this panel.',
  session: 'Session',
  status: {
    unknown: 'unknown',
    restoring: 'restoring',
    authenticated: 'authenticated',
    anonymous: 'anonymous',
    ended: 'ended',
  } satisfies Record<SessionStatus, string>,
  accessTokenThisTab: 'Access token (this tab)',
  noAccessToken: 'no access token',
  expired: 'expired (the next request refreshes first)',
  expiresIn: 'expires in',
  refreshes: { caption: 'Refreshes by this tab', why: 'Why', ran: 'Ran', ok: 'OK', failed: 'Failed' },
  reasons: {
    'before-request': 'Before a request',
    'after-401': 'After a 401',
    restore: 'At start-up',
    manual: 'Manual',
    wake: 'On waking',
  } satisfies Record<RefreshReason, string>,
  mock: {
    notInstalled: "The mock's controls (window.__mock) are not installed.",
    heading: 'Mock server',
    serverClock: 'Server clock',
    realTime: 'real time',
    ahead: (offset: string) => `${offset} ahead`,
    accessTokenServer: 'Access token (server)',
    noneHeld: 'none held',
    expiredOnServer: 'expired on the server: the next request gets a 401, then one refresh',
    validOnServer: 'valid on the server',
    family: 'Refresh family',
    familyRefused: 'ended: the server refused the refresh',
    familyExpired: 'expired on the server (clock moved past its 14 days): the next refresh will be refused',
    familyActive: 'active',
    familyNone: 'none',
    expireAccess: 'Expire access token on server',
    endFamily: 'End refresh family',
    failNetwork: 'Fail next refresh: network',
    fail500: 'Fail next refresh: 500',
    shortLifetimes: 'Short lifetimes (20 s access tokens)',
    didExpireAccess: 'access token expired on the server',
    didEndFamily: 'refresh family ended',
    didFailNetwork: 'next refresh fails with a network error',
    didFail500: 'next refresh fails with a 500',
    didShortLifetimes: 'access tokens now last 20 s',
    done: (what: string) => `Done: ${what}.`,
    failed: (what: string, why: string) => `${what} failed: ${why}`,
    counters: 'Server counters (live)',
    refreshCalls: 'Refresh calls',
    refreshFailures: 'Refresh failures',
    familiesRevoked: 'Families revoked',
    logins: 'Logins',
    postsCreated: 'Posts created',
  },
  timeline: {
    heading: 'Timeline',
    hint: 'What this tab did, oldest first: each request, its answer, the one refresh, each replay, messages from other tabs.',
    empty: 'Nothing yet.',
    clear: 'Clear the timeline',
    request: (method: string, path: string) => `→ ${method} ${path}`,
    replay: (method: string, path: string) => `↻ ${method} ${path} (replay with the new token)`,
    answer: (status: number, method: string, path: string) => `← ${status} ${method} ${path}`,
    expiredAnswer: (method: string, path: string) => `← 401 ${method} ${path}: token expired (invalid_token)`,
    noAnswer: (method: string, path: string) => `✕ ${method} ${path}: no answer`,
    canceled: (method: string, path: string) => `✕ ${method} ${path}: canceled by the page`,
    refreshStart: (why: string) => `Refresh started (${why})`,
    refreshSuccess: 'Refresh succeeded: new access token',
    refreshFailure: (message: string) => `Refresh failed: ${message}`,
    refreshRetry: (ms: number) => `Refresh failed in passing; one retry in ${ms} ms`,
    sessionStart: {
      login: 'Session started: logged in',
      signup: 'Session started: signed up',
      restore: 'Session restored from the cookie',
      'other-tab': 'Session started in another tab',
    } satisfies Record<StartVia, string>,
    sessionEnd: {
      logout: 'Session ended: logged out',
      'refresh-refused': 'Session ended: the server refused the refresh',
      'key-lost': 'Session ended: this browser lost its DPoP key',
      'refresh-lost': "Session may have ended: a refresh's answer was lost (the server has no reuse interval)",
    } satisfies Record<EndReason, string>,
    wake: {
      visible: 'Woke up: the page is visible again',
      pageshow: 'Woke up: the page was shown again',
      bfcache: 'Woke up: restored from the back/forward cache',
      online: 'Woke up: back online',
      'clock-jump': 'Woke up: the clock jumped (the machine slept)',
    } satisfies Record<Trigger, string>,
    stream: {
      connecting: (path: string, cause: string) => `⇢ Live stream ${path}: connecting (${cause})`,
      causes: {
        start: 'the page opened it',
        'token-change': 'new access token',
        'auth-expired': 're-auth after the server ended it',
        wake: 'the page woke up',
        retry: 'trying again',
      } satisfies Record<ConnectCause, string>,
      open: (path: string) => `⇠ Live stream ${path}: open`,
      authExpired: (path: string, reason: string) => `⇠ Live stream ${path}: the server ended it (auth-expired: ${reason}); reconnecting through the client's refresh`,
      waiting: (path: string, ms: number, status: number | null) => `✕ Live stream ${path}: ${status === null ? 'no connection' : `answer ${status}`}; next try in ${ms} ms`,
      skipped: (path: string, count: number) => `Live stream ${path}: a malformed message skipped (${count} so far)`,
      closed: {
        'session-ended': (path: string) => `Live stream ${path}: closed, the session ended`,
        stopped: (path: string) => `Live stream ${path}: closed by the page`,
      },
    },
    logoutPending: 'Logout pending: the server could not be told yet',
    logoutCompleted: 'Pending logout reached the server',
    tabMessage: {
      token: 'Another tab refreshed: its token taken',
      login: 'Another tab logged in',
      logout: 'Another tab logged out',
      'session-end': 'Another tab: the session ended',
    } satisfies Record<TabMessageKind, string>,
  },
}

export type InspectorMessages = typeof inspectorEn
