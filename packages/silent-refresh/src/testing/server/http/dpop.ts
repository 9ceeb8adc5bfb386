import { DpopError, verifyDpopProof } from '../core/dpop'
import type { MockState } from '../core/runtime'
import { ApiError } from './api-error'
import { clientAddressOf } from './endpoint'

/** The URL the client addressed, as a proof's `htu` names it: the proxy's forwarded origin, else the Host header. */
export function addressedUrl(request: Request): string {
  const url = new URL(request.url)
  const first = (name: string) => request.headers.get(name)?.split(',')[0]?.trim() || undefined
  const proto = first('x-forwarded-proto') ?? url.protocol.replace(/:$/, '')
  const host = first('x-forwarded-host') ?? first('host') ?? url.host
  return `${proto}://${host}${url.pathname}`
}

/** The request's one DPoP proof; undefined without the header. Two headers (joined by a comma) are malformed. */
export function dpopHeader(request: Request): string | undefined {
  const value = request.headers.get('dpop')?.trim()
  return value === undefined || value === '' ? undefined : value
}

/**
 * Checks the request's proof (the caller has made sure there is one) and returns its key's thumbprint. A client
 * over its proofs per minute gets 429 before the proof is even verified; a full replay store answers 503. Both
 * are `ApiError`s: they say nothing about the proof, so no caller turns them into a DPoP refusal.
 */
export async function checkProof(request: Request, state: MockState, now: number, accessToken?: string): Promise<string> {
  const proof = dpopHeader(request)
  if (proof === undefined) throw new DpopError('invalid_dpop_proof', 'The request carries no DPoP proof')
  const wait = state.proofRate.take(clientAddressOf(request), now, state.config.dpopProofsPerMinute)
  if (wait !== undefined) {
    throw new ApiError(429, 'too_many_requests', `Too many DPoP proofs from this client (${state.config.dpopProofsPerMinute} a minute); retry in ${wait} seconds`, {
      'Retry-After': String(wait),
    })
  }
  try {
    const { jkt } = await verifyDpopProof(proof, {
      keys: state.keys,
      seen: state.seenProofs,
      capacity: state.config.dpopReplayCapacity,
      method: request.method,
      url: addressedUrl(request),
      accessToken,
      now,
    })
    return jkt
  } catch (error) {
    if (error instanceof DpopError && error.code === 'temporarily_unavailable') {
      throw new ApiError(503, error.code, error.message, { 'Retry-After': String(error.retryAfterSeconds ?? 1) })
    }
    throw error
  }
}

/** A refused proof on `/api/auth/*`: 400 `{ error: "invalid_dpop_proof" | "use_dpop_nonce" }`. */
export function authProofRefusal(error: DpopError): ApiError {
  return new ApiError(400, error.code, error.message, {}, error.code === 'use_dpop_nonce' ? 'challenge' : 'rejected')
}

/**
 * On login and signup: the thumbprint of a valid proof's key (the login is bound to it), or undefined when the
 * login goes unbound. A proof that is sent must be valid; in `required` mode one must be sent.
 */
export async function loginBinding(request: Request, state: MockState, now: number): Promise<string | undefined> {
  const mode = state.config.dpop
  if (mode === 'off') return undefined
  if (dpopHeader(request) === undefined) {
    if (mode === 'required') throw new ApiError(400, 'invalid_dpop_proof', 'This server requires a DPoP proof', {}, 'rejected')
    return undefined
  }
  try {
    return await checkProof(request, state, now)
  } catch (error) {
    if (error instanceof DpopError) throw authProofRefusal(error)
    throw error
  }
}
