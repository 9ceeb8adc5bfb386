import { EmbeddedJWK, calculateJwkThumbprint, decodeProtectedHeader, jwtVerify, type JWK } from 'jose'
import { bytesToBase64 } from './encoding'
import type { TokenKeys } from './tokens'

/** A nonce is good for 5 minutes of the mock clock; a proof is acceptable only as long as its nonce, so its `jti` is remembered as long. */
export const DPOP_NONCE_TTL_MS = 5 * 60 * 1000

export type DpopErrorCode = 'invalid_dpop_proof' | 'use_dpop_nonce' | 'temporarily_unavailable'

/**
 * A DPoP proof the mock refuses: malformed, replayed or not for this request (`invalid_dpop_proof`), without a
 * current nonce (`use_dpop_nonce`), or one it cannot remember because its replay store is full
 * (`temporarily_unavailable`, with `retryAfterSeconds`): a proof is never accepted unremembered.
 */
export class DpopError extends Error {
  override readonly name = 'DpopError'
  readonly retryAfterSeconds: number | undefined
  constructor(
    readonly code: DpopErrorCode,
    message: string,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options)
    this.retryAfterSeconds = options?.retryAfterSeconds
  }
}

export type RememberResult = { outcome: 'fresh' } | { outcome: 'replay' } | { outcome: 'full'; retryAfterSeconds: number }

/**
 * Proofs seen while they can still be accepted, bounded by time, not by count: each `jti` (scoped by its key's
 * thumbprint) is kept until its proof's window closes, and nothing is dropped before that. When `capacity`
 * proofs are still inside their windows a new one is refused (`full`), never accepted unremembered.
 */
export interface SeenProofs {
  remember(proof: { jkt: string; jti: string; until: number }, now: number, capacity: number): RememberResult
  /** Proofs remembered now (expired ones included until the next sweep). */
  size(): number
}

/** A full store sweeps its expired proofs at most this often (mock clock), so a flood cannot make every request scan it. */
const SWEEP_INTERVAL_MS = 1000

export function createSeenProofs(): SeenProofs {
  const seen = new Map<string, number>()
  let lastSweep = -Infinity
  let earliestExpiry = Infinity

  function sweep(now: number): void {
    lastSweep = now
    earliestExpiry = Infinity
    for (const [key, until] of seen) {
      if (until <= now) seen.delete(key)
      else earliestExpiry = Math.min(earliestExpiry, until)
    }
  }

  return {
    remember({ jkt, jti, until }, now, capacity) {
      const key = `${jkt} ${jti}`
      const known = seen.get(key)
      if (known !== undefined && known > now) return { outcome: 'replay' }
      seen.delete(key)
      if (seen.size >= capacity && (now - lastSweep >= SWEEP_INTERVAL_MS || earliestExpiry <= now)) sweep(now)
      if (seen.size >= capacity) {
        const wait = (Number.isFinite(earliestExpiry) ? earliestExpiry : now + DPOP_NONCE_TTL_MS) - now
        return { outcome: 'full', retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) }
      }
      seen.set(key, until)
      earliestExpiry = Math.min(earliestExpiry, until)
      return { outcome: 'fresh' }
    },
    size: () => seen.size,
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

/** The issue time (mock clock, epoch ms) of a current nonce this mock issued; undefined for anything else. */
export async function currentNonceIssuedAt(keys: TokenKeys, nonce: unknown, now: number): Promise<number | undefined> {
  if (typeof nonce !== 'string' || nonce.length > 100) return undefined
  const [issuedAt = '', mac = ''] = nonce.split('.')
  const time = parseInt(issuedAt, 36)
  if (!/^[0-9a-z]+$/.test(issuedAt) || !Number.isSafeInteger(time) || time > now || now - time >= DPOP_NONCE_TTL_MS) return undefined
  return mac === (await nonceMac(keys, issuedAt)) ? time : undefined
}

export async function isCurrentNonce(keys: TokenKeys, nonce: unknown, now: number): Promise<boolean> {
  return (await currentNonceIssuedAt(keys, nonce, now)) !== undefined
}

export async function sha256Base64url(text: string): Promise<string> {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
}

export interface ProofExpectations {
  keys: TokenKeys
  seen: SeenProofs
  /** How many proofs the store may hold inside their windows. */
  capacity: number
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
 * not compared with any clock. A proof's `jti` is remembered (per key) only once the proof has passed every other
 * check, until its nonce expires.
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
  const nonceIssuedAt = await currentNonceIssuedAt(expected.keys, nonce, expected.now)
  if (nonceIssuedAt === undefined) {
    throw new DpopError('use_dpop_nonce', nonce === undefined ? 'The DPoP proof needs a nonce' : 'The DPoP proof nonce is stale')
  }
  const jkt = await calculateJwkThumbprint(jwk, 'sha256')
  // The proof passes the nonce check until its nonce expires: its jti is remembered exactly that long.
  const remembered = expected.seen.remember({ jkt, jti, until: nonceIssuedAt + DPOP_NONCE_TTL_MS }, expected.now, expected.capacity)
  if (remembered.outcome === 'replay') throw new DpopError('invalid_dpop_proof', 'The DPoP proof was used before (jti replay)')
  if (remembered.outcome === 'full') {
    throw new DpopError('temporarily_unavailable', `The server cannot remember another DPoP proof now; retry in ${remembered.retryAfterSeconds} seconds`, {
      retryAfterSeconds: remembered.retryAfterSeconds,
    })
  }
  return { jkt }
}
