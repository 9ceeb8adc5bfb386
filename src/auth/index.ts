/**
 * The silent-refresh auth client: plain TypeScript, one instance per app (and per test).
 *
 * @example
 * import { createAuthClient, SessionExpiredError } from './auth'
 * const client = createAuthClient({ baseURL: '/api', store, onSessionEnd: () => navigate('/login') })
 */
export { createAuthClient } from './create-auth-client'
export { createMemoryTokenStore } from './memory-token-store'
export { createTabCoordinator, type TabChannel, type TabCoordinatorOptions } from './tab-coordinator'
export { createBrowserTabCoordinator } from './browser-tab-coordinator'
export type { TabLocks } from './web-lock'
export type { LeaseStorage } from './lease-lock'
export { decodeAccessToken, type DecodedAccessToken } from './decode-token'
export {
  AuthRequestError,
  NotAuthenticatedError,
  RefreshUnavailableError,
  SessionExpiredError,
  type AuthErrorCode,
} from './errors'
export type {
  AuthClient,
  AuthClientOptions,
  AuthEvent,
  Credentials,
  RefreshReason,
  SessionEndReason,
  SignupInput,
  TabCoordinator,
  TabMessage,
  TokenStore,
  TokenUser,
  User,
} from './types'
