import { decodeProtectedHeader } from 'jose'
import { generateKeyPair, generateProof } from 'dpop'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSeenProofs, issueNonce, verifyDpopProof } from '../../testing/server/core/dpop'
import { createTokenKeys } from '../../testing/server/core/tokens'
import { createProofMaker } from './proof'
import { expectedAth, verifyProofLikeAServer } from '../../../../../tests/support/dpop-proof'

const HTU = 'http://localhost:5173/api/posts'
const keyPair = await generateKeyPair('ES256', { extractable: false })

afterEach(() => vi.restoreAllMocks())

describe('createProofMaker: proofs at the signature\'s cost', () => {
  it('is accepted by the mock server exactly as a proof from panva\'s dpop is (same key, same claims, same thumbprint)', async () => {
    const keys = await createTokenKeys()
    const now = Date.now()
    const nonce = await issueNonce(keys, now)
    const expected = { keys, seen: createSeenProofs(), capacity: 100, method: 'GET', url: HTU, accessToken: 'header.payload.signature', now }

    const ours = await createProofMaker().sign(keyPair, HTU, 'GET', nonce, 'header.payload.signature')
    const theirs = await generateProof(keyPair, HTU, 'GET', nonce, 'header.payload.signature')

    const [accepted, alsoAccepted] = [await verifyDpopProof(ours, expected), await verifyDpopProof(theirs, expected)]
    expect(accepted.jkt).toBe(alsoAccepted.jkt)
    expect(decodeProtectedHeader(ours)).toEqual(decodeProtectedHeader(theirs))
    const [a, b] = [await verifyProofLikeAServer(ours), await verifyProofLikeAServer(theirs)]
    expect({ ...a, jti: '', iat: 0 }).toEqual({ ...b, jti: '', iat: 0 })
  })

  it('hashes a token once: the next proofs for it reuse its ath; a new token gets its own', async () => {
    const digest = vi.spyOn(crypto.subtle, 'digest')
    const proofs = createProofMaker()
    const athOf = async (token: string) => (await verifyProofLikeAServer(await proofs.sign(keyPair, HTU, 'GET', null, token))).ath

    expect(await athOf('token-a')).toBe(expectedAth('token-a'))
    expect(await athOf('token-a')).toBe(expectedAth('token-a'))
    const hashedBeforeNewToken = digest.mock.calls.length
    expect(await athOf('token-b')).toBe(expectedAth('token-b'))

    // One digest per token: verifyProofLikeAServer hashes nothing with crypto.subtle (node:crypto, jose's thumbprint aside).
    const ourDigests = digest.mock.calls.filter(([, data]) => ['token-a', 'token-b'].includes(new TextDecoder().decode(data as Uint8Array)))
    expect(ourDigests).toHaveLength(2)
    expect(hashedBeforeNewToken).toBeGreaterThan(0)
  })

  it('exports a key\'s public JWK once; a new key gets its own JWK in the header', async () => {
    const exportKey = vi.spyOn(crypto.subtle, 'exportKey')
    const sign = vi.spyOn(crypto.subtle, 'sign')
    const proofs = createProofMaker()
    const other = await generateKeyPair('ES256', { extractable: false })

    const first = await proofs.sign(keyPair, HTU, 'POST', null, null)
    const second = await proofs.sign(keyPair, HTU, 'POST', null, null)
    const exportsForOneKey = exportKey.mock.calls.length
    const third = await proofs.sign(other, HTU, 'POST', null, null)

    expect(exportsForOneKey).toBe(1)
    expect(exportKey).toHaveBeenCalledTimes(2)
    expect(sign).toHaveBeenCalledTimes(3) // each proof signed once
    expect(decodeProtectedHeader(second).jwk).toEqual(decodeProtectedHeader(first).jwk)
    expect(decodeProtectedHeader(third).jwk).not.toEqual(decodeProtectedHeader(first).jwk)
    expect((await verifyProofLikeAServer(third)).thumbprint).not.toBe((await verifyProofLikeAServer(first)).thumbprint)
  })

  it('refuses a key pair that is not ES256 (WebCrypto will not sign ECDSA with it)', async () => {
    const rsa = await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, false, ['sign', 'verify'])
    await expect(createProofMaker().sign(rsa, HTU, 'GET', null, null)).rejects.toThrow()
  })
})
