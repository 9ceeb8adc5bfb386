import { AuthError } from '../errors'
import { createProofMaker, htuOf } from './proof'
import { readDpopNonce, type ResponseHeaders } from './nonce'

export interface DpopSignerOptions {
  /** Origin that relative request URLs are resolved against. Default: `globalThis.location?.origin`. */
  origin?: string | undefined
  /**
   * Where the last nonce is kept across reloads (the app: `localStorage`), so a reload's refresh carries a
   * current nonce instead of first taking a `use_dpop_nonce` challenge (one round trip, not two). A nonce is
   * no secret: the server hands it to anyone in a header. Default: memory only.
   */
  nonceStorage?: Pick<Storage, 'getItem' | 'setItem'> | undefined
}

/** The key of the kept nonce in `nonceStorage`. */
export const DPOP_NONCE_KEY = 'dpop-nonce'

/** One request to sign. */
export interface DpopProofRequest {
  /** The key to sign with: from `keys.getOrCreate()` at login/signup, `keys.getBound(cnf.jkt)` after. */
  keyPair: CryptoKeyPair
  /** HTTP method (any case; sent upper-case). */
  method: string
  /** The request URL as sent, absolute or relative to `origin`; query and fragment are dropped. */
  url: string
  /** The access token this request carries, if any: `ath` is its hash (computed once per token, then kept). */
  accessToken?: string | null | undefined
}

/** Signs DPoP proofs and remembers the server's latest nonce. */
export interface DpopSigner {
  /** The value of the `DPoP` header for one request: a new `jti` each call, the current nonce if one is known. */
  proofFor(request: DpopProofRequest): Promise<string>
  /** Reads `DPoP-Nonce` from any response (success or error) and keeps it for the next proofs. */
  rememberNonce(headers: ResponseHeaders): void
  /** The nonce the next proof will carry, `null` before the server sent one. */
  currentNonce(): string | null
}

/**
 * Makes DPoP proofs as panva's `dpop` does (`typ: dpop+jwt`, ES256, the public JWK in the header,
 * `jti`, `htm`, `htu`, `iat`, `nonce`, `ath`; servers accept both alike), at the signature's cost: the header
 * with the public JWK is encoded once per key and `ath` once per access token (a new token, a new hash: a
 * replay after a refresh carries the new token's), and each proof is signed once by WebCrypto. One signer per
 * API server (it holds that server's nonce); `iat` is the client clock's (the server judges
 * freshness by the nonce, so a skewed clock still works).
 *
 * @example
 * const signer = createDpopSigner({ origin: location.origin })
 * const proof = await signer.proofFor({ keyPair, method: 'GET', url: '/api/me', accessToken })
 * headers.set('Authorization', `DPoP ${accessToken}`); headers.set('DPoP', proof)
 */
export function createDpopSigner(options: DpopSignerOptions = {}): DpopSigner {
  const origin = options.origin ?? (globalThis as { location?: { origin?: string } }).location?.origin
  const kept = options.nonceStorage
  let nonce: string | null = null
  const proofs = createProofMaker()
  // With shared storage the tabs share the server's latest nonce: a refresh in one tab renews it for all.
  const latest = (): string | null => (kept ? safely(() => kept.getItem(DPOP_NONCE_KEY), nonce) ?? nonce : nonce)
  return {
    proofFor({ keyPair, method, url, accessToken }) {
      let htu: string
      try {
        htu = dpopHtu(url, origin)
      } catch (error) {
        return Promise.reject(error)
      }
      nonce = latest()
      return proofs.sign(keyPair, htu, method.toUpperCase(), nonce, accessToken ?? null)
    },
    rememberNonce(headers) {
      const next = readDpopNonce(headers)
      if (next === null || next === latest()) return
      nonce = next
      safely(() => kept?.setItem(DPOP_NONCE_KEY, next), undefined)
    },
    currentNonce: latest,
  }
}

function safely<T>(run: () => T, fallback: T): T {
  try {
    return run()
  } catch {
    return fallback
  }
}

/**
 * A proof's `htu`: the request's absolute URL without query and fragment (RFC 9449 §4.2), a relative
 * URL resolved against `origin` (the page's, e.g. `location.origin`). `new URL` normalises scheme and
 * host case, default ports and dot segments as the server's comparison does.
 *
 * @example
 * dpopHtu('/api/posts?page=2#top', 'https://app.example') // 'https://app.example/api/posts'
 */
export function dpopHtu(url: string, origin: string | undefined): string {
  const htu = htuOf(url, origin)
  if (typeof htu !== 'string') {
    throw new AuthError('dpop_invalid_url', `DPoP needs an absolute request URL: "${url}" with origin "${origin ?? '(none)'}" is not one`, { cause: htu.error })
  }
  return htu
}
