import { AxiosHeaders } from 'axios'
import { generateKeyPair } from 'dpop'
import { describe, expect, it } from 'vitest'
import { createDpopSigner } from './signer'
import { expectedAth, verifyProofLikeAServer } from '../../../../../tests/support/dpop-proof'

const ORIGIN = 'http://localhost:5173'
const keyPair = await generateKeyPair('ES256', { extractable: false })

describe('createDpopSigner', () => {
  it('makes a proof a strict server accepts, for the method and URL of the request', async () => {
    const signer = createDpopSigner({ origin: ORIGIN })
    const before = Math.floor(Date.now() / 1000)
    const proof = await signer.proofFor({ keyPair, method: 'post', url: '/api/auth/login' })
    const after = Math.floor(Date.now() / 1000)

    const claims = await verifyProofLikeAServer(proof)
    expect(claims).toMatchObject({ htm: 'POST', htu: `${ORIGIN}/api/auth/login`, nonce: undefined, ath: undefined })
    expect(claims.iat).toBeGreaterThanOrEqual(before)
    expect(claims.iat).toBeLessThanOrEqual(after)
  })

  it('drops query and fragment from htu, resolves relative URLs and keeps absolute ones', async () => {
    const signer = createDpopSigner({ origin: ORIGIN })
    const htu = async (url: string) => (await verifyProofLikeAServer(await signer.proofFor({ keyPair, method: 'GET', url }))).htu
    expect(await htu('/api/posts?page=2&q=x#top')).toBe(`${ORIGIN}/api/posts`)
    expect(await htu('HTTPS://API.Example.com:443/api/./me?x=1')).toBe('https://api.example.com/api/me')
  })

  it('refuses a relative URL when it has no origin to resolve it against', async () => {
    const signer = createDpopSigner({ origin: undefined })
    // An `AuthError` like every error the library throws (it was a `TypeError` before the one error base).
    await expect(signer.proofFor({ keyPair, method: 'GET', url: '/api/me' })).rejects.toMatchObject({ name: 'AuthError', code: 'dpop_invalid_url' })
  })

  it('gives every proof a new jti, also for the same request', async () => {
    const signer = createDpopSigner({ origin: ORIGIN })
    const proofs = await Promise.all(
      Array.from({ length: 40 }, () => signer.proofFor({ keyPair, method: 'GET', url: '/api/me', accessToken: 'token-a' })),
    )
    const jtis = await Promise.all(proofs.map(async (proof) => (await verifyProofLikeAServer(proof)).jti))
    expect(new Set(jtis).size).toBe(40)
  })

  it('hashes the token passed in each call as ath, so a replay after a refresh carries the new token\'s hash', async () => {
    const signer = createDpopSigner({ origin: ORIGIN })
    const first = await verifyProofLikeAServer(await signer.proofFor({ keyPair, method: 'GET', url: '/api/me', accessToken: 'old.token.value' }))
    const replay = await verifyProofLikeAServer(await signer.proofFor({ keyPair, method: 'GET', url: '/api/me', accessToken: 'new.token.value' }))

    expect(first.ath).toBe(expectedAth('old.token.value'))
    expect(replay.ath).toBe(expectedAth('new.token.value'))
    expect(replay.ath).not.toBe(first.ath)
  })

  it('puts no ath in a proof without an access token', async () => {
    const signer = createDpopSigner({ origin: ORIGIN })
    const claims = await verifyProofLikeAServer(await signer.proofFor({ keyPair, method: 'POST', url: '/api/auth/refresh', accessToken: null }))
    expect(claims.ath).toBeUndefined()
  })

  it('carries the latest DPoP-Nonce from any response, whatever shape its headers come in', async () => {
    const signer = createDpopSigner({ origin: ORIGIN })
    const nonceOf = async () => (await verifyProofLikeAServer(await signer.proofFor({ keyPair, method: 'GET', url: '/api/me' }))).nonce

    signer.rememberNonce(new AxiosHeaders({ 'DPoP-Nonce': 'n1' }))
    expect(await nonceOf()).toBe('n1')
    signer.rememberNonce(new Headers({ 'dpop-nonce': 'n2' }))
    expect(await nonceOf()).toBe('n2')
    signer.rememberNonce({ 'dpop-nonce': 'n3', 'content-type': 'application/json' })
    expect(await nonceOf()).toBe('n3')
    signer.rememberNonce({ 'content-type': 'application/json' })
    expect(signer.currentNonce()).toBe('n3')
  })

  it('keeps the last nonce in nonceStorage, so the signer of the next page load starts with it (no challenge on a reload)', async () => {
    const items = new Map<string, string>()
    const storage = { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) }
    createDpopSigner({ origin: ORIGIN, nonceStorage: storage }).rememberNonce({ 'dpop-nonce': 'n-before-reload' })
    expect([...items.values()]).toEqual(['n-before-reload'])

    const afterReload = createDpopSigner({ origin: ORIGIN, nonceStorage: storage })
    const proof = await afterReload.proofFor({ keyPair, method: 'POST', url: '/api/auth/refresh' })

    expect((await verifyProofLikeAServer(proof)).nonce).toBe('n-before-reload')
    expect(createDpopSigner({ origin: ORIGIN }).currentNonce()).toBeNull()
  })

  it('signs with the key it is given: the proof\'s thumbprint is that key\'s', async () => {
    const other = await generateKeyPair('ES256', { extractable: false })
    const signer = createDpopSigner({ origin: ORIGIN })
    const a = await verifyProofLikeAServer(await signer.proofFor({ keyPair, method: 'GET', url: '/api/me' }))
    const b = await verifyProofLikeAServer(await signer.proofFor({ keyPair: other, method: 'GET', url: '/api/me' }))
    expect(a.thumbprint).not.toBe(b.thumbprint)
  })
})
