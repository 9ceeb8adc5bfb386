import { generateKeyPair } from 'dpop'
import { SignJWT, exportJWK } from 'jose'
import { describe, expect, it } from 'vitest'
import { createDpopSigner } from 'silent-refresh'
import { verifyProofLikeAServer } from './dpop-proof'

const keyPair = await generateKeyPair('ES256', { extractable: true })
const claims = { htm: 'GET', htu: 'http://localhost/api/me', jti: 'j1', iat: Math.floor(Date.now() / 1000) }

/** The strict check the proof tests rely on must itself refuse what a strict server refuses. */
describe('verifyProofLikeAServer', () => {
  it('refuses a proof whose claims were changed after signing', async () => {
    const proof = await createDpopSigner({ origin: 'http://localhost' }).proofFor({ keyPair, method: 'GET', url: '/api/me' })
    const [header, payload, signature] = proof.split('.')
    const altered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), htm: 'POST' })).toString('base64url')
    await expect(verifyProofLikeAServer(`${header}.${altered}.${signature}`)).rejects.toThrow()
  })

  it('refuses a proof whose jwk holds the private key, or of the wrong typ', async () => {
    const privateJwk = await exportJWK(keyPair.privateKey)
    const leaky = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: privateJwk }).sign(keyPair.privateKey)
    await expect(verifyProofLikeAServer(leaky)).rejects.toThrow()

    const publicJwk = await exportJWK(keyPair.publicKey)
    const untyped = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'JWT', jwk: publicJwk }).sign(keyPair.privateKey)
    await expect(verifyProofLikeAServer(untyped)).rejects.toThrow(/typ/)
    const typed = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: publicJwk }).sign(keyPair.privateKey)
    await expect(verifyProofLikeAServer(typed)).resolves.toMatchObject({ htm: 'GET', jti: 'j1' })
  })
})
