/**
 * The silent-refresh core's public surface: everything outside `src/auth/` imports from here (lint enforces it).
 *
 * @example
 * import { createAuthClient, SessionExpiredError } from './auth'
 * const client = createAuthClient({ baseURL: '/api', store, onSessionEnd: () => navigate('/login') })
 */
export { createAuthClient } from './create-auth-client'
export { createMemoryTokenStore } from './memory-token-store'
export { initialSnapshot } from './session-model'
export { createBrowserTabCoordinator } from './tabs/browser-tab-coordinator'
export { SESSION_HINT_KEY } from './lifecycle/session-hint'
export { createDpopKeyStore, createDpopSigner, detectDpopSupport, DpopKeyLostError, DpopUnavailableError } from './dpop'
export type { DpopParts } from './request-credentials'
export { BackendProfileError, defaultProfile, readTokenAnswer, validateProfile } from './backend-profile'
export type { BackendEndpoints, BackendProfile, ProfileResponse, ResolvedBackendProfile, TokenResponse } from './backend-profile'
export { AuthError, AuthRequestError, NotAuthenticatedError, OfflineError, RefreshUnavailableError, SessionExpiredError, UnexpectedAnswerError } from './errors'
export type {
  AuthClient,
  AuthEvent,
  LogoutResult,
  Credentials,
  RefreshReason,
  SessionEndReason,
  SessionSnapshot,
  SessionStatus,
  SignupInput,
  TokenStore,
  TokenUser,
  User,
  WakeTrigger,
} from './types'
export type { AuthClientOptions, ClientTimers, EventSourceLike, LifecycleSources } from './options'
