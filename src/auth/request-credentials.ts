import { decodeAccessToken } from './decode-token'
import { DpopKeyLostError, DpopUnavailableError, withDpopNonceRetry, type DpopKey, type DpopKeyStore, type DpopSigner, type ResponseHeaders } from './dpop'
import { SessionExpiredError } from './errors'
import { authorizationHeaders } from './http-headers'
import type { TokenReader } from './token-reader'

/** DPoP for one client: the origin's key store and the signer holding the server's nonce. */
export interface DpopParts {
  keys: DpopKeyStore
  signer: DpopSigner
}

type Headers = Record<string, string>

/** How to sign one auth-endpoint request; `headers()` signs anew on each call (a nonce retry needs a new proof). */
export interface SignedAuthRequest {
  headers(): Promise<Headers>
  /** Whether a proof goes with it (a `400 invalid_dpop_proof` then means the proof, not a missing key). */
  proof: boolean
}

/**
 * Every credential the client sends, Bearer or DPoP (RFC 9449): which key signs, for which token and URL.
 * Whether a token is bound is read from the token itself (`cnf.jkt`), so a token from another tab is
 * signed with the key it names. A bound key that is gone rejects with `DpopKeyLostError`.
 */
export interface RequestCredentials {
  /** On unless the client was made with `dpop: false` (or without `dpop`). */
  readonly dpop: boolean
  /** An app request's headers for `token`: Bearer, or `DPoP` with a proof for this method, URL and token. */
  forRequest(token: string, method: string, url: string): Promise<Headers>
  /** `POST /auth/refresh`: the bound key's proof, the stored key's when no token is known, else none. */
  forRefresh(token: string | null, url: string): Promise<SignedAuthRequest>
  /** Login and signup: a proof from the origin's key (made on first use); none where DPoP cannot work here. */
  forSignIn(url: string): Promise<SignedAuthRequest & { key: DpopKey | null }>
  /** Logout: a proof when the session is bound and its key is at hand, else nothing. */
  forLogout(token: string | null, url: string): Promise<Headers>
  /** Deletes the origin's key (at logout: the next login makes a new one, so logins are not linkable); never rejects. */
  forgetKey(): Promise<void>
  /** Sends, and once more after a nonce challenge; without DPoP it just sends. */
  retryOnNonce<T>(send: () => Promise<T>): Promise<T>
  /** Keeps the server's latest `DPoP-Nonce` (any response, success or error). */
  remember(headers: ResponseHeaders): void
}

export function createRequestCredentials(dpop: DpopParts | null, tokens: TokenReader): RequestCredentials {
  /** The token's `cnf.jkt`: from the reader's cache when it is the current token (always, on the hot path). */
  const boundKeyOf = (token: string): string | null => {
    const current = tokens.read()
    return (current?.token === token ? current.decoded : decodeAccessToken(token))?.boundKey ?? null
  }
  const sign = (key: DpopKey, url: string, accessToken: string | null) =>
    dpop!.signer.proofFor({ keyPair: key.keyPair, method: 'POST', url, accessToken })
  const unsigned = (headers: Headers): SignedAuthRequest => ({ headers: () => Promise.resolve(headers), proof: false })

  return {
    dpop: dpop !== null,
    async forRequest(token, method, url) {
      const boundKey = dpop ? boundKeyOf(token) : null
      if (!boundKey) return authorizationHeaders(token)
      const { keyPair } = await dpop!.keys.getBound(boundKey)
      return authorizationHeaders(token, await dpop!.signer.proofFor({ keyPair, method, url, accessToken: token }))
    },
    async forRefresh(token, url) {
      const boundKey = dpop && token ? boundKeyOf(token) : null
      if (!dpop || (token && !boundKey)) return unsigned(token ? authorizationHeaders(token) : {})
      // After a reload no token is known: sign with the stored key if there is one (the server ignores it for an unbound login).
      const key = boundKey ? await dpop.keys.getBound(boundKey) : await dpop.keys.get().catch(orNullIfUnavailable)
      if (!key) return unsigned({})
      return {
        proof: true,
        headers: async () => {
          const proof = await sign(key, url, token)
          return token ? authorizationHeaders(token, proof) : { DPoP: proof }
        },
      }
    },
    async forSignIn(url) {
      const key = dpop ? await dpop.keys.getOrCreate().catch(orNullIfUnavailable) : null
      if (!key) return { ...unsigned({}), key: null }
      return { key, proof: true, headers: async () => ({ DPoP: await sign(key, url, null) }) }
    },
    async forLogout(token, url): Promise<Headers> {
      const boundKey = dpop && token ? boundKeyOf(token) : null
      if (!boundKey) return {}
      const key = await dpop!.keys.getBound(boundKey).catch(() => null)
      return key ? { DPoP: await sign(key, url, null) } : {}
    },
    async forgetKey() {
      await dpop?.keys.clear().catch(() => undefined)
    },
    retryOnNonce: (send) => (dpop ? withDpopNonceRetry(dpop.signer, send) : send()),
    remember(headers) {
      dpop?.signer.rememberNonce(headers)
    },
  }
}

/**
 * An app request's credentials (`forRequest`); when the bound key is gone, the refresh decides: it ends the
 * session ('key-lost'), or another tab's token (bound to the key it signed in with) is used instead.
 */
export function withKeyLostFallback(credentials: RequestCredentials, tokens: TokenReader, refresh: () => Promise<string>) {
  return async function headersFor(token: string, method: string, url: string): Promise<Headers> {
    try {
      return await credentials.forRequest(token, method, url)
    } catch (error) {
      if (!(error instanceof DpopKeyLostError)) throw error
      const current = tokens.read()
      if (!current) throw new SessionExpiredError('The session ended: this browser no longer has its DPoP key', { cause: error })
      // Another tab's token (bound to the key it signed in with) is newer than this one.
      const next = current.token !== token ? current.token : await refresh()
      return credentials.forRequest(next, method, url)
    }
  }
}

function orNullIfUnavailable(error: unknown): null {
  if (error instanceof DpopUnavailableError) return null
  throw error
}
