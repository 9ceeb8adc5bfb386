/**
 * The silent-refresh core's public surface, the package's `silent-refresh` entry: apps import it by that name only.
 *
 * @example
 * import { createAuthClient, SessionExpiredError } from 'silent-refresh'
 * const client = createAuthClient({ baseURL: '/api', store, onSessionEnd: () => navigate('/login') })
 */
export { createAuthClient } from './create-auth-client'
export { createMemoryTokenStore } from './token'
export { initialSnapshot } from './session'
export { createBrowserTabCoordinator, createTabCoordinator, DEFAULT_TAB_LOCK_NAME } from './tabs/coordinator'
export type { TabChannel, TabCoordinatorOptions } from './tabs/coordinator'
export type { LeaseStorage, TabLocks } from './tabs/locks'
export { SESSION_HINT_KEY } from './lifecycle/restore'
export { createDpopKeyStore, createDpopSigner, detectDpopSupport } from './dpop'
export { defaultProfile, encodeAuthRequest, readErrorAnswer, readTokenAnswer, readUserAnswer, validateProfile } from './backend-profile'
export type { EncodedAuthBody } from './backend-profile'
export {
  AuthError,
  AuthOptionsError,
  AuthRequestError,
  BackendProfileError,
  DpopKeyLostError,
  DpopUnavailableError,
  NotAuthenticatedError,
  OfflineError,
  RefreshUnavailableError,
  SessionExpiredError,
  StepUpCancelledError,
  StepUpRequiredError,
  StepUpTimeoutError,
  UnexpectedAnswerError,
} from './errors'
export { readStepUpChallenge } from './http'
export type {
  AuthClient,
  AuthCall,
  AuthClientOptions,
  AuthErrorAnswer,
  AuthEvent,
  AuthMethod,
  AuthRequestBody,
  BackendEndpoints,
  BackendMethods,
  BackendProfile,
  BackendMockDialect,
  MockTokenAnswer,
  ClientTimers,
  Credentials,
  DpopParts,
  EventSourceLike,
  LifecycleSources,
  LogoutResult,
  ProfileResponse,
  RefreshReason,
  ResolvedBackendProfile,
  RestoreOptions,
  SessionEndReason,
  SessionSnapshot,
  SessionStartVia,
  SessionStatus,
  SignupInput,
  StartedRefreshAnswer,
  StepUpChallenge,
  TabCoordinator,
  TabMessage,
  Timers,
  TokenResponse,
  TokenStore,
  TokenUser,
  User,
  UserResponse,
  WakeTrigger,
} from './types'
