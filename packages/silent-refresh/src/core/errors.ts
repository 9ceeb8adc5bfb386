/**
 * Every error the library throws: one base (`AuthError`, with a stable `code`), one class per failure a caller
 * must tell apart, and one factory per error with its one message. An aborted request rejects with axios's own
 * `CanceledError` (check with `axios.isCancel`), whether it was waiting for a refresh or already on the wire; an
 * API request the server answered with an error rejects with axios's `AxiosError` (the app's own business).
 */
/**
 * The base of every error the library throws: `instanceof AuthError` catches them all, `code` tells them apart
 * without `instanceof` (across bundles and realms).
 *
 * @example
 * try { await client.http.get('/me') } catch (e) { if (e instanceof AuthError) console.warn(e.code, e.message) }
 */
export class AuthError extends Error {
  override readonly name: string = 'AuthError'
  /** A stable, machine-readable code (`session_expired`, `refresh_unavailable`, `offline`, …). */
  readonly code: string
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
  }
}

/**
 * The session is over (the server refused the refresh token, the DPoP key it was bound to is gone, or it ended
 * while the request waited): the access token has been cleared and `onSessionEnd(reason)` called.
 *
 * @example
 * try { await client.http.get('/me') } catch (e) { if (e instanceof SessionExpiredError) showLogin() }
 */
export class SessionExpiredError extends AuthError {
  override readonly name = 'SessionExpiredError'
  /**
   * Why the session ended (`refresh-refused`, `key-lost`, `refresh-lost` — a lost refresh answer against a backend
   * without a reuse interval — or `logout` for a request that waited across one).
   */
  readonly reason: 'refresh-refused' | 'logout' | 'key-lost' | 'refresh-lost'
  constructor(message = 'The session has ended: sign in again', options?: ErrorOptions & { reason?: SessionExpiredError['reason'] }) {
    super('session_expired', message, options)
    this.reason = options?.reason ?? 'refresh-refused'
  }
}

/** The one way the client makes a `SessionExpiredError`. */
export function sessionExpiredError(reason: SessionExpiredError['reason'], cause?: unknown): SessionExpiredError {
  const message =
    reason === 'refresh-lost'
      ? "The session may have ended (refresh-lost): a refresh's answer was lost, and this server cannot take the same refresh twice (no reuse interval). Sign in again"
      : `The session has ended (${reason}): sign in again`
  return new SessionExpiredError(message, cause === undefined ? { reason } : { reason, cause })
}

/**
 * A refresh could not be completed (network error, timeout, 5xx, 429, an unusable answer), or is not tried yet
 * because the backoff after such a failure still runs. The session is kept; a later request tries again once
 * `retryAt` (client clock, ms) has passed.
 *
 * @example
 * if (e instanceof RefreshUnavailableError) showBanner('Cannot reach the server, retrying…')
 */
export class RefreshUnavailableError extends AuthError {
  override readonly name: string = 'RefreshUnavailableError'
  /** HTTP status of the failed refresh, `null` for a network error or timeout. */
  readonly status: number | null
  /** When the client will next try to refresh on its own (client clock, ms). */
  readonly retryAt: number
  constructor(message: string, details: { status: number | null; retryAt: number; code?: string }, options?: ErrorOptions) {
    super(details.code ?? 'refresh_unavailable', message, options)
    this.status = details.status
    this.retryAt = details.retryAt
  }
}

/**
 * The one way the client makes a `RefreshUnavailableError`: the last failure (its status and cause) and the next
 * attempt. An answer not understood (`cause` an `UnexpectedAnswerError` or a `BackendProfileError`) has the code
 * `invalid_response`: a misconfiguration to fix, not an outage to wait out.
 */
export function refreshUnavailableError(failure: { status: number | null; retryAt: number; cause: unknown }): RefreshUnavailableError {
  const { cause } = failure
  if (cause instanceof AuthError && (cause.code === 'invalid_response' || cause.code === 'invalid_backend_profile')) {
    return new RefreshUnavailableError(
      `The refresh answer was not understood (${cause.message}); the session is kept`,
      { status: failure.status, retryAt: failure.retryAt, code: 'invalid_response' },
      { cause },
    )
  }
  const what = failure.status === null ? 'no response' : `status ${failure.status}`
  return new RefreshUnavailableError(
    `POST /auth/refresh could not be completed (${what}); the session is kept, the next automatic refresh comes after ${new Date(failure.retryAt).toISOString()} (client clock)`,
    { status: failure.status, retryAt: failure.retryAt },
    { cause: failure.cause },
  )
}

/**
 * The browser says it is offline (`navigator.onLine === false`): a request that needed a refresh failed at once,
 * nothing was sent, and the refresh backoff was left as it was. The client checks the session again when the
 * browser comes back online. A kind of `RefreshUnavailableError` (the session is kept), told apart by its class.
 *
 * @example
 * if (e instanceof OfflineError) show('You are offline; we will try again when the connection returns.')
 */
export class OfflineError extends RefreshUnavailableError {
  override readonly name: string = 'OfflineError'
  constructor(message = 'The browser is offline: nothing was sent', details: { retryAt: number } = { retryAt: 0 }, options?: ErrorOptions) {
    super(message, { status: null, retryAt: details.retryAt, code: 'offline' }, options)
  }
}

/** The one way the client makes an `OfflineError` (a refresh or a logout not sent). */
export function offlineError(retryAt = 0, cause?: unknown): OfflineError {
  return new OfflineError(undefined, { retryAt }, cause === undefined ? undefined : { cause })
}

/**
 * A request to a protected endpoint was made while there is no session (no access token and no
 * refresh under way), or the session was signed out while it waited. Nothing more is sent.
 *
 * @example
 * if (e instanceof NotAuthenticatedError) navigate('/login')
 */
export class NotAuthenticatedError extends AuthError {
  override readonly name = 'NotAuthenticatedError'
  constructor(message = 'No session: sign in before calling a protected endpoint', options?: ErrorOptions) {
    super('not_authenticated', message, options)
  }
}

/** The one way the client makes a `NotAuthenticatedError`. */
export function notAuthenticatedError(cause?: unknown): NotAuthenticatedError {
  return new NotAuthenticatedError(undefined, cause === undefined ? undefined : { cause })
}

/** The error codes of the auth endpoints, plus the client's own for a request that got no usable answer. */
export type AuthErrorCode =
  | 'invalid_credentials'
  | 'email_taken'
  | 'too_many_attempts'
  | 'invalid_request'
  | 'network_error'
  | 'invalid_response'
  | (string & {})

/**
 * Login or signup failed. `code` is the server's error code (`invalid_credentials`, `email_taken`,
 * `too_many_attempts`, `invalid_request`, …) or `network_error` / `invalid_response`;
 * `message` is the server's sentence when it sent one.
 *
 * @example
 * if (e instanceof AuthRequestError && e.code === 'too_many_attempts') show(`Try again in ${e.retryAfterSeconds} s`)
 */
export class AuthRequestError extends AuthError {
  override readonly name = 'AuthRequestError'
  override readonly code: AuthErrorCode
  /** HTTP status, `null` when no response arrived. */
  readonly status: number | null
  /** From `Retry-After` on a 429, else `null`. */
  readonly retryAfterSeconds: number | null
  constructor(
    message: string,
    details: { code: AuthErrorCode; status: number | null; retryAfterSeconds?: number | null },
    options?: ErrorOptions,
  ) {
    super(details.code, message, options)
    this.code = details.code
    this.status = details.status
    this.retryAfterSeconds = details.retryAfterSeconds ?? null
  }
}

/**
 * The server answered, but not as the backend profile says it would: HTML where JSON was expected, a 404 on the
 * refresh path, no access token, a token the client must not use. A misconfiguration to fix, not an outage to wait
 * out: a refresh that meets one fails with a `RefreshUnavailableError` whose `code` is `invalid_response` (this as its
 * `cause`); a login, with an `AuthRequestError` of that code.
 *
 * @example
 * if (e instanceof AuthError && e.code === 'invalid_response') console.error("The server's answer was not understood", e.cause)
 */
export class UnexpectedAnswerError extends AuthError {
  override readonly name = 'UnexpectedAnswerError'
  /** HTTP status of the answer, `null` when there was none to blame (the token itself). */
  readonly status: number | null
  /** The answer as the profile reads it (a `ProfileResponse`), when there is one. */
  readonly response: { status: number; header(name: string): string | null; body: unknown } | null
  constructor(message: string, details: { status: number | null; response?: UnexpectedAnswerError['response'] }, options?: ErrorOptions) {
    super('invalid_response', message, options)
    this.status = details.status
    this.response = details.response ?? null
  }
}

/**
 * A profile that does not describe a backend (a field missing or of the wrong type), or a `readTokenResponse` that
 * found no access token in an answer. `field` names what is wrong (`endpoints.refresh`, `readTokenResponse`,
 * `readTokenResponse().accessToken`, …). Code `invalid_backend_profile`.
 *
 * @example
 * try { createAuthClient({ baseURL: '/api', backend }) } catch (e) { if (e instanceof BackendProfileError) console.error(e.field) }
 */
export class BackendProfileError extends AuthError {
  override readonly name = 'BackendProfileError'
  readonly field: string
  constructor(field: string, message: string, options?: ErrorOptions) {
    super('invalid_backend_profile', message, options)
    this.field = field
  }
}

/**
 * `createAuthClient` was given options it cannot work with (no `baseURL`, a negative margin…): thrown at once,
 * naming the option, never a client that fails later.
 *
 * @example
 * try {
 *   createAuthClient({ baseURL: '' })
 * } catch (error) {
 *   if (error instanceof AuthOptionsError) console.error(error.option, error.message) // 'baseURL'
 * }
 */
export class AuthOptionsError extends AuthError {
  override readonly name = 'AuthOptionsError'
  readonly option: string
  constructor(option: string, message: string) {
    super('invalid_options', message)
    this.option = option
  }
}

/**
 * Something the client did not expect failed (a bug, a broken store or coordinator): wrapped so that every error a
 * caller meets is an `AuthError`; the original is its `cause`. `AuthError`s pass through as they are.
 */
export function asAuthError(error: unknown): AuthError {
  return error instanceof AuthError ? error : new AuthError('unexpected', 'The auth client failed unexpectedly (see cause)', { cause: error })
}

/**
 * DPoP cannot be used in this browser: no WebCrypto (`crypto.subtle` is missing outside a secure
 * context), no ECDSA P-256, or no usable IndexedDB (missing, blocked, or refused to open). The client
 * falls back to Bearer, which an `"optional"` server accepts.
 *
 * @example
 * try { key = await keys.getOrCreate() } catch (e) { if (e instanceof DpopUnavailableError) key = null }
 */
export class DpopUnavailableError extends AuthError {
  override readonly name = 'DpopUnavailableError'
  constructor(message: string, options?: ErrorOptions) {
    super('dpop_unavailable', message, options)
  }
}

/**
 * The session is bound to a key (the login answered `tokenType: "DPoP"`, the access token carries
 * `cnf.jkt`) but that key is no longer in IndexedDB (site data cleared, or replaced by another key).
 * Such a session can never refresh: end it and ask the person to sign in again. Never sign a refresh
 * with another key: the server reads that as a stolen cookie and revokes the login.
 *
 * @example
 * if (e instanceof DpopKeyLostError) endSession('This browser lost the key your session was bound to. Please sign in again.')
 */
export class DpopKeyLostError extends AuthError {
  override readonly name = 'DpopKeyLostError'
  /** The RFC 7638 thumbprint the session is bound to. */
  readonly expectedThumbprint: string
  /** The thumbprint of the key IndexedDB holds now, `null` when it holds none. */
  readonly foundThumbprint: string | null
  constructor(details: { expectedThumbprint: string; foundThumbprint: string | null }, options?: ErrorOptions) {
    super(
      'dpop_key_lost',
      details.foundThumbprint === null
        ? `The DPoP key this session is bound to (${details.expectedThumbprint}) is gone from IndexedDB`
        : `The DPoP key this session is bound to (${details.expectedThumbprint}) was replaced by another (${details.foundThumbprint})`,
      options,
    )
    this.expectedThumbprint = details.expectedThumbprint
    this.foundThumbprint = details.foundThumbprint
  }
}

/** What a server asked for when it wanted the person to sign in again (RFC 9470 `max_age`, `acr_values`). */
export interface StepUpChallenge {
  /** The most seconds since the person last signed in that the server accepts (`max_age`), when it says. */
  maxAge?: number
  /** The authentication context classes it wants (`acr_values`, space-separated in the challenge), when it says. */
  acrValues?: string[]
}

/**
 * The server wants the person to re-verify before this request (RFC 9470 `insufficient_user_authentication`), and the
 * client has no `onStepUp` to ask them: the request was not replayed. `maxAge` and `acrValues` say what was asked.
 * Code `step_up_required`.
 *
 * @example
 * try { await client.http.put('/me/password', body) } catch (e) { if (e instanceof StepUpRequiredError) askToSignInAgain(e.maxAge) }
 */
export class StepUpRequiredError extends AuthError {
  override readonly name = 'StepUpRequiredError'
  readonly maxAge: number | undefined
  readonly acrValues: string[] | undefined
  constructor(challenge: StepUpChallenge, options?: ErrorOptions) {
    const within = challenge.maxAge === undefined ? '' : ` (signed in within the last ${challenge.maxAge} s)`
    super('step_up_required', `The server wants the person to confirm it is them again${within}; no onStepUp was given to ask them`, options)
    this.maxAge = challenge.maxAge
    this.acrValues = challenge.acrValues
  }
}

/**
 * The person cancelled the step-up prompt (`onStepUp` rejected): every request held for it rejects with this, none is
 * replayed. Code `step_up_cancelled`; the prompt's own rejection is its `cause`.
 *
 * @example
 * try { await changePassword() } catch (e) { if (!(e instanceof StepUpCancelledError)) throw e }
 */
export class StepUpCancelledError extends AuthError {
  override readonly name = 'StepUpCancelledError'
  readonly maxAge: number | undefined
  readonly acrValues: string[] | undefined
  constructor(challenge: StepUpChallenge, options?: ErrorOptions) {
    super('step_up_cancelled', 'The person cancelled confirming it is them: the request was not sent again', options)
    this.maxAge = challenge.maxAge
    this.acrValues = challenge.acrValues
  }
}

/**
 * The step-up prompt was not answered within `stepUpTimeoutMs`: every request held for it rejects with this, none is
 * replayed. Code `step_up_timeout`.
 *
 * @example
 * if (e instanceof StepUpTimeoutError) show('Confirming it was you took too long; try again.')
 */
export class StepUpTimeoutError extends AuthError {
  override readonly name = 'StepUpTimeoutError'
  readonly timeoutMs: number
  constructor(timeoutMs: number) {
    super('step_up_timeout', `Nobody confirmed it was them within ${timeoutMs} ms (stepUpTimeoutMs): the held requests were released`)
    this.timeoutMs = timeoutMs
  }
}
