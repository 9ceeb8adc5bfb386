import { EmbeddedJWK, calculateJwkThumbprint, decodeProtectedHeader, jwtVerify, type JWK } from 'jose'
import { bytesToBase64 } from './encoding'
import type { TokenKeys } from './tokens'

/** A nonce is good for 5 minutes of the mock clock; a proof's `jti` is remembered as long. */
export const DPOP_NONCE_TTL_MS = 5 * 60 * 1000

export type DpopErrorCode = 'invalid_dpop_proof' | 'use_dpop_nonce'

/** A DPoP proof the mock refuses: malformed, replayed or not for this request (`invalid_dpop_proof`), or without a current nonce. */
export class DpopError extends Error {
  override readonly name = 'DpopError'
  constructor(
    readonly code: DpopErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** Proof `jti`s seen within the nonce lifetime: bounded, oldest dropped first (their nonces are stale by then anyway). */
export interface SeenProofs {
  /** False when `jti` was seen before and has not expired. */
  remember(jti: string, now: number): boolean
}

export function createSeenProofs(capacity = 100_000): SeenProofs {
  const seen = new Map<string, number>()
  return {
    remember(jti, now) {
      const until = seen.get(jti)
      if (until !== undefined && until > now) return false
      seen.delete(jti)
      if (seen.size >= capacity) {
        for (const [key, expiry] of seen) if (expiry <= now) seen.delete(key)
        while (seen.size >= capacity) seen.delete(seen.keys().next().value!)
      }
      seen.set(jti, now + DPOP_NONCE_TTL_MS)
      return true
    },
  }
}

const base64url = (bytes: ArrayBuffer) => bytesToBase64(new Uint8Array(bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

async function nonceMac(keys: TokenKeys, issuedAt: string): Promise<string> {
  return base64url(await crypto.subtle.sign('HMAC', keys.key, new TextEncoder().encode(`dpop-nonce:${issuedAt}`)))
}

/** A fresh nonce: its issue time (mock clock) and a MAC, so no nonce needs storing and every tab's mock accepts it. */
export async function issueNonce(keys: TokenKeys, now: number): Promise<string> {
  const issuedAt = now.toString(36)
  return `${issuedAt}.${await nonceMac(keys, issuedAt)}`
}

export async function isCurrentNonce(keys: TokenKeys, nonce: unknown, now: number): Promise<boolean> {
  if (typeof nonce !== 'string' || nonce.length > 100) return false
  const [issuedAt = '', mac = ''] = nonce.split('.')
  const time = parseInt(issuedAt, 36)
  if (!/^[0-9a-z]+$/.test(issuedAt) || !Number.isSafeInteger(time) || time > now || now - time >= DPOP_NONCE_TTL_MS) return false
  return mac === (await nonceMac(keys, issuedAt))
}

export async function sha256Base64url(text: string): Promise<string> {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
}

export interface ProofExpectations {
  keys: TokenKeys
  seen: SeenProofs
  /** The request method and URL (origin as the client addressed it, no query or fragment). */
  method: string
  url: string
  /** On resource requests: the access token the proof's `ath` must hash. */
  accessToken?: string
  /** The mock clock, epoch ms. */
  now: number
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']
const MAX_PROOF_LENGTH = 4096

function withoutQuery(url: string): string | undefined {
  try {
    const parsed = new URL(url)
    return `${parsed.origin}${parsed.pathname}`
  } catch {
    return undefined
  }
}

/**
 * Checks one DPoP proof (RFC 9449 §4.3) and returns its key's thumbprint. The nonce decides freshness, so `iat` is
 * not compared with any clock. A proof's `jti` is remembered only once the proof has passed every other check.
 */
export async function verifyDpopProof(proof: string, expected: ProofExpectations): Promise<{ jkt: string }> {
  if (proof.length > MAX_PROOF_LENGTH || proof.split('.').length !== 3) throw new DpopError('invalid_dpop_proof', 'The DPoP proof is not a compact JWT')
  let header: ReturnType<typeof decodeProtectedHeader>
  try {
    header = decodeProtectedHeader(proof)
  } catch (cause) {
    throw new DpopError('invalid_dpop_proof', 'The DPoP proof header is malformed', { cause })
  }
  const jwk = header.jwk as JWK | undefined
  if (typeof jwk !== 'object' || jwk === null) throw new DpopError('invalid_dpop_proof', 'The DPoP proof has no jwk header')
  if (PRIVATE_MEMBERS.some((member) => member in jwk)) throw new DpopError('invalid_dpop_proof', 'The DPoP proof jwk holds private key members')
  let payload: Record<string, unknown>
  try {
    ;({ payload } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: ['ES256'], currentDate: new Date(expected.now) }))
  } catch (cause) {
    throw new DpopError('invalid_dpop_proof', `The DPoP proof is refused: ${(cause as Error).message}`, { cause })
  }
  const { jti, htm, htu, iat, nonce, ath } = payload
  if (typeof jti !== 'string' || jti === '' || jti.length > 256 || typeof iat !== 'number' || typeof htm !== 'string' || typeof htu !== 'string') {
    throw new DpopError('invalid_dpop_proof', 'The DPoP proof lacks jti, htm, htu or iat')
  }
  if (htm !== expected.method) throw new DpopError('invalid_dpop_proof', `The DPoP proof is for ${htm}, not ${expected.method}`)
  if (withoutQuery(htu) !== withoutQuery(expected.url)) throw new DpopError('invalid_dpop_proof', `The DPoP proof is for ${htu}, not ${expected.url}`)
  if (expected.accessToken !== undefined && ath !== (await sha256Base64url(expected.accessToken))) {
    throw new DpopError('invalid_dpop_proof', 'The DPoP proof ath does not hash this access token')
  }
  if (!(await isCurrentNonce(expected.keys, nonce, expected.now))) {
    throw new DpopError('use_dpop_nonce', nonce === undefined ? 'The DPoP proof needs a nonce' : 'The DPoP proof nonce is stale')
  }
  if (!expected.seen.remember(jti, expected.now)) throw new DpopError('invalid_dpop_proof', 'The DPoP proof was used before (jti replay)')
  return { jkt: await calculateJwkThumbprint(jwk, 'sha256') }
}
