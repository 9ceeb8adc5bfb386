import { SignJWT, calculateJwkThumbprint, exportJWK, type JWK } from 'jose'

/** Claims and header fields a test may change to forge a bad proof. */
export interface ProofOptions {
  nonce?: string
  /** The access token the proof's `ath` hashes. */
  accessToken?: string
  /** Seconds; now by default. */
  iat?: number
  jti?: string
  typ?: string
  /** Extra (or overriding) jwk members, e.g. the private `d`. */
  jwk?: Record<string, unknown>
  /** Override or drop (undefined) claims. */
  claims?: Record<string, unknown>
}

/** A P-256 key pair that signs RFC 9449 proofs (jose's SignJWT; the keys come from this realm's WebCrypto). */
export interface DpopKey {
  jkt: string
  publicJwk: JWK
  privateJwk: JWK
  proof(method: string, url: string, options?: ProofOptions): Promise<string>
}

const base64url = (bytes: ArrayBuffer) => Buffer.from(bytes).toString('base64url')

export async function createDpopKey(): Promise<DpopKey> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair
  const privateJwk = await exportJWK(pair.privateKey)
  const { kty, crv, x, y } = privateJwk
  const publicJwk: JWK = { kty, crv, x, y }
  return {
    jkt: await calculateJwkThumbprint(publicJwk, 'sha256'),
    publicJwk,
    privateJwk,
    async proof(method, url, options = {}) {
      const ath =
        options.accessToken === undefined
          ? undefined
          : base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(options.accessToken)))
      const claims: Record<string, unknown> = {
        jti: options.jti ?? crypto.randomUUID(),
        htm: method,
        htu: url,
        iat: options.iat ?? Math.floor(Date.now() / 1000),
        ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
        ...(ath === undefined ? {} : { ath }),
        ...options.claims,
      }
      for (const key of Object.keys(claims)) if (claims[key] === undefined) delete claims[key]
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', typ: options.typ ?? 'dpop+jwt', jwk: { ...publicJwk, ...options.jwk } as JWK })
        .sign(pair.privateKey)
    },
  }
}
