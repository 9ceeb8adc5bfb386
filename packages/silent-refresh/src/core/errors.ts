/**
 * The failures a caller of the auth client must tell apart, one class each, all of them an `AuthError`.
 * An aborted request rejects with axios's own `CanceledError` (check with `axios.isCancel`),
 * whether it was waiting for a refresh or already on the wire.
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
 * The server refused the refresh token (401 `invalid_refresh_token`): the session is over.
 * The access token has been cleared and `onSessionEnd('refresh-refused')` called.
 *
 * @example
 * try { await client.http.get('/me') } catch (e) { if (e instanceof SessionExpiredError) showLogin() }
 */
export class SessionExpiredError extends AuthError {
  override readonly name = 'SessionExpiredError'
  constructor(message = 'The session has ended: the server refused the refresh token', options?: ErrorOptions) {
    super('session_expired', message, options)
  }
}

/**
 * A refresh could not be completed (network error, timeout, 5xx, 429). The session is kept;
 * a later request tries again once `retryAt` (client clock, ms) has passed.
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
 * The browser says it is offline (`navigator.onLine === false`): a request that needed a refresh failed at once,
 * nothing was sent, and the refresh backoff was left as it was. The client checks the session again when the
 * browser comes back online. A kind of `RefreshUnavailableError` (the session is kept), told apart by its class.
 *
 * @example
 * if (e instanceof OfflineError) show('You are offline; we will try again when the connection returns.')
 */
export class OfflineError extends RefreshUnavailableError {
  override readonly name: string = 'OfflineError'
  constructor(message = 'The browser is offline: the token could not be refreshed', details: { retryAt: number } = { retryAt: 0 }, options?: ErrorOptions) {
    super(message, { status: null, retryAt: details.retryAt, code: 'offline' }, options)
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
  /** The answer as the profile reads it, when there is one. */
  readonly response: { status: number; header(name: string): string | null; body: unknown } | null
  constructor(message: string, details: { status: number | null; response?: UnexpectedAnswerError['response'] }, options?: ErrorOptions) {
    super('invalid_response', message, options)
    this.status = details.status
    this.response = details.response ?? null
  }
}

/**
 * The error of a refresh that could not reach the server (network, timeout, 5xx, 429), or whose answer was not
 * understood (`cause` an `UnexpectedAnswerError` or a `BackendProfileError`: code `invalid_response`).
 */
export function refreshFailedError(failure: { status: number | null; retryAt: number; cause: unknown }): RefreshUnavailableError {
  const what = failure.status === null ? 'no response' : `status ${failure.status}`
  const { cause } = failure
  if (cause instanceof AuthError && cause.code === 'invalid_response' || cause instanceof AuthError && cause.code === 'invalid_backend_profile') {
    return new RefreshUnavailableError(
      `The refresh answer was not understood (${cause.message}); the session is kept`,
      { status: failure.status, retryAt: failure.retryAt, code: 'invalid_response' },
      { cause },
    )
  }
  return new RefreshUnavailableError(`POST /auth/refresh failed (${what}); the session is kept`, { status: failure.status, retryAt: failure.retryAt }, { cause })
}

/** An automatic refresh not tried because the backoff after `last` runs until `backoff.retryAt()` (client clock). */
export function backingOffError(backoff: { failures(): number; retryAt(): number }, last: RefreshUnavailableError | null): RefreshUnavailableError {
  const retryAt = backoff.retryAt()
  const message = `Token refresh is backing off after ${backoff.failures()} failure(s); next attempt after ${new Date(retryAt).toISOString()} (client clock)`
  return new RefreshUnavailableError(message, { status: last?.status ?? null, retryAt }, { cause: last })
}

/**
 * A request to a protected endpoint was made while there is no session (no access token and no
 * refresh under way). It fails before anything is sent.
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
