import { createHash } from 'node:crypto'
import { EmbeddedJWK, calculateJwkThumbprint, jwtVerify } from 'jose'

/** What a strict server learns from a proof that passed its checks. */
export interface VerifiedProof {
  htm: string
  htu: string
  jti: string
  iat: number
  nonce: string | undefined
  ath: string | undefined
  /** RFC 7638 thumbprint of the proof's public key (what `cnf.jkt` is compared with). */
  thumbprint: string
}

/** base64url(SHA-256(token)), computed with node:crypto, independently of the code under test. */
export function expectedAth(token: string): string {
  return createHash('sha256').update(token, 'ascii').digest('base64url')
}

/**
 * Test helper: checks a `DPoP` header value as a strict server does (RFC 9449 §4.3) and returns its
 * claims: signature by the embedded key, `typ: dpop+jwt`, ES256 only, a public JWK with no private
 * members, and the required claims present and typed. Throws on any violation.
 */
export async function verifyProofLikeAServer(proof: string): Promise<VerifiedProof> {
  const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: ['ES256'] })
  const jwk = protectedHeader.jwk
  if (!jwk) throw new Error('proof has no jwk')
  const members = Object.keys(jwk).filter((member) => jwk[member as keyof typeof jwk] !== undefined).sort()
  if (members.join() !== 'crv,kty,x,y') throw new Error(`jwk must hold exactly the public EC members, has ${members.join()}`)
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') throw new Error('jwk must be an EC P-256 key')
  const { htm, htu, jti, iat, nonce, ath } = payload
  if (typeof htm !== 'string' || typeof htu !== 'string' || typeof jti !== 'string' || typeof iat !== 'number') {
    throw new Error('proof lacks htm, htu, jti or iat')
  }
  if (nonce !== undefined && typeof nonce !== 'string') throw new Error('nonce must be a string')
  if (ath !== undefined && typeof ath !== 'string') throw new Error('ath must be a string')
  return { htm, htu, jti, iat, nonce, ath, thumbprint: await calculateJwkThumbprint(jwk) }
}
