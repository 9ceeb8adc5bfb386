import { generateKeyPair } from 'dpop'
import { describe, expect, it } from 'vitest'
import { withDpopNonceRetry } from './nonce'
import { createDpopSigner } from './signer'
import { verifyProofLikeAServer } from '../../../../../tests/support/dpop-proof'

const keyPair = await generateKeyPair('ES256', { extractable: false })

/** A server that wants `nonce` in the proof: answers challenges (in `shape`) until it gets it. */
function nonceServer(nonce: string, shape: 'auth' | 'resource') {
  const seen: { nonce: string | undefined; jti: string }[] = []
  const challenge = () =>
    Object.assign(new Error('challenged'), {
      response:
        shape === 'auth'
          ? { status: 400, data: { error: 'use_dpop_nonce' }, headers: { 'dpop-nonce': nonce } }
          : { status: 401, headers: { 'www-authenticate': 'DPoP error="use_dpop_nonce"', 'dpop-nonce': nonce } },
    })
  return {
    seen,
    async receive(proof: string) {
      const claims = await verifyProofLikeAServer(proof)
      seen.push({ nonce: claims.nonce, jti: claims.jti })
      if (claims.nonce !== nonce) throw challenge()
      return 'ok'
    },
  }
}

describe('withDpopNonceRetry', () => {
  it.each(['auth', 'resource'] as const)('answers one %s nonce challenge with a new proof carrying the new nonce', async (shape) => {
    const signer = createDpopSigner({ origin: 'http://localhost' })
    const server = nonceServer('fresh-nonce', shape)
    const sign = () => signer.proofFor({ keyPair, method: 'POST', url: '/api/auth/refresh' })

    await expect(withDpopNonceRetry(signer, async () => server.receive(await sign()))).resolves.toBe('ok')
    expect(server.seen.map((attempt) => attempt.nonce)).toEqual([undefined, 'fresh-nonce'])
    expect(server.seen[0]!.jti).not.toBe(server.seen[1]!.jti)
    expect(signer.currentNonce()).toBe('fresh-nonce')
  })

  it('retries only once: a second challenge goes to the caller', async () => {
    const signer = createDpopSigner({ origin: 'http://localhost' })
    let attempts = 0
    const alwaysChallenged = async () => {
      attempts += 1
      throw Object.assign(new Error('challenged'), { response: { status: 400, data: { error: 'use_dpop_nonce' }, headers: { 'dpop-nonce': `n${attempts}` } } })
    }
    await expect(withDpopNonceRetry(signer, alwaysChallenged)).rejects.toThrow('challenged')
    expect(attempts).toBe(2)
  })

  it('passes any other failure through without a retry', async () => {
    const signer = createDpopSigner({ origin: 'http://localhost' })
    let attempts = 0
    const refused = Object.assign(new Error('refused'), { response: { status: 401, headers: { 'www-authenticate': 'DPoP error="invalid_token"' } } })
    const send = async () => {
      attempts += 1
      throw refused
    }
    await expect(withDpopNonceRetry(signer, send)).rejects.toBe(refused)
    await expect(withDpopNonceRetry(signer, () => Promise.reject(new TypeError('network')))).rejects.toThrow('network')
    expect(attempts).toBe(1)
  })
})
