import { AuthError } from '../errors'

/**
 * The DPoP failures a caller must tell apart, one class each. Both carry the underlying error as `cause`
 * where there is one.
 */

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
