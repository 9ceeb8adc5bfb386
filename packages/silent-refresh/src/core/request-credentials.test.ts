import { describe, expect, it } from 'vitest'
import { accessToken } from '../../../../tests/support/tokens'
import type { DpopKey, DpopKeyStore, DpopSigner } from './dpop'
import { DpopKeyLostError, DpopUnavailableError, SessionExpiredError } from './errors'
import { createRequestCredentials, withKeyLostFallback } from './request'
import { createMemoryTokenStore, createTokenReader } from './token'

const NOW = 1_700_000_000_000
const iat = Math.floor(NOW / 1000)
const URL = 'http://api.test/api/me'

/** A key store and signer that record what they are asked (no crypto): which key signs what is the question here. */
function fakeDpop(held: 'bound' | 'other' | 'none' | 'unavailable' = 'bound') {
  const key = (thumbprint: string): DpopKey => ({ thumbprint, keyPair: { publicKey: {}, privateKey: {} } as CryptoKeyPair })
  const signed: { thumbprint: string; method: string; url: string; accessToken: string | null | undefined }[] = []
  const current = held === 'bound' ? key('jkt-1') : held === 'other' ? key('jkt-2') : null
  const keys: DpopKeyStore = {
    getOrCreate: async () => current ?? key('jkt-new'),
    get: async () => {
      if (held === 'unavailable') throw new DpopUnavailableError('no IndexedDB')
      return current
    },
    getBound: async (thumbprint) => {
      if (current?.thumbprint === thumbprint) return current
      throw new DpopKeyLostError({ expectedThumbprint: thumbprint, foundThumbprint: current?.thumbprint ?? null })
    },
    clear: async () => undefined,
    close: () => undefined,
  }
  const signer: DpopSigner = {
    proofFor: async ({ keyPair, method, url, accessToken }) => {
      const thumbprint = keyPair === current?.keyPair ? current.thumbprint : 'jkt-new'
      signed.push({ thumbprint, method, url, accessToken })
      return `proof-${signed.length}`
    },
    rememberNonce: () => undefined,
    currentNonce: () => null,
  }
  return { parts: { keys, signer }, signed }
}

async function tokens(bound: string | null) {
  const token = await accessToken({ iat, exp: iat + 3_600, ...(bound ? { cnf: { jkt: bound } } : {}) })
  const store = createMemoryTokenStore(token)
  return { token, store, reader: createTokenReader(store, () => NOW, 30_000) }
}

describe('request credentials: which key signs what', () => {
  it('without DPoP: Bearer for app requests and the refresh; nothing for logout', async () => {
    const { token, reader } = await tokens(null)
    const credentials = createRequestCredentials(null, reader)
    await expect(credentials.forRequest(token, 'get', URL)).resolves.toEqual({ Authorization: `Bearer ${token}` })
    const refresh = await credentials.forRefresh(token, URL, 'POST')
    expect(refresh.proof).toBe(false)
    await expect(refresh.headers()).resolves.toEqual({ Authorization: `Bearer ${token}` })
    await expect(credentials.forLogout(token, URL, 'POST')).resolves.toEqual({})
  })

  it('a bound token: `DPoP <token>` with a proof from the key it names, for this method, URL and token', async () => {
    const { token, reader } = await tokens('jkt-1')
    const dpop = fakeDpop('bound')
    const credentials = createRequestCredentials(dpop.parts, reader)
    await expect(credentials.forRequest(token, 'get', URL)).resolves.toEqual({ Authorization: `DPoP ${token}`, DPoP: 'proof-1' })
    expect(dpop.signed).toEqual([{ thumbprint: 'jkt-1', method: 'get', url: URL, accessToken: token }])
  })

  it('an unbound token of a DPoP client stays Bearer: nothing is signed', async () => {
    const { token, reader } = await tokens(null)
    const dpop = fakeDpop('bound')
    const credentials = createRequestCredentials(dpop.parts, reader)
    await expect(credentials.forRequest(token, 'get', URL)).resolves.toEqual({ Authorization: `Bearer ${token}` })
    expect(dpop.signed).toEqual([])
  })

  it('the refresh after a reload (no token known): a proof from the stored key, none where there is no key or no IndexedDB', async () => {
    const { reader } = await tokens(null)
    const withKey = createRequestCredentials(fakeDpop('bound').parts, reader)
    const signed = await withKey.forRefresh(null, URL, 'POST')
    expect(signed.proof).toBe(true)
    await expect(signed.headers()).resolves.toEqual({ DPoP: 'proof-1' })
    // Each call signs anew: a nonce retry needs a new proof.
    await expect(signed.headers()).resolves.toEqual({ DPoP: 'proof-2' })

    for (const held of ['none', 'unavailable'] as const) {
      const signedNone = await createRequestCredentials(fakeDpop(held).parts, reader).forRefresh(null, URL, 'POST')
      expect(signedNone.proof).toBe(false)
      await expect(signedNone.headers()).resolves.toEqual({})
    }
  })

  it('a bound key that is gone: the refresh is never signed by another key (DpopKeyLostError), logout goes unsigned', async () => {
    const { token, reader } = await tokens('jkt-1')
    const dpop = fakeDpop('other')
    const credentials = createRequestCredentials(dpop.parts, reader)
    await expect(credentials.forRefresh(token, URL, 'POST')).rejects.toBeInstanceOf(DpopKeyLostError)
    await expect(credentials.forLogout(token, URL, 'POST')).resolves.toEqual({})
    expect(dpop.signed).toEqual([])
  })

  it('login and signup: a proof from the origin key, made on first use; none where DPoP cannot work here', async () => {
    const { reader } = await tokens(null)
    const signIn = await createRequestCredentials(fakeDpop('none').parts, reader).forSignIn(URL, 'POST')
    expect(signIn.key?.thumbprint).toBe('jkt-new')
    await expect(signIn.headers()).resolves.toEqual({ DPoP: 'proof-1' })
    const broken = fakeDpop('none')
    broken.parts.keys.getOrCreate = () => Promise.reject(new DpopUnavailableError('no WebCrypto'))
    await expect(createRequestCredentials(broken.parts, reader).forSignIn(URL, 'POST')).resolves.toMatchObject({ key: null, proof: false })
  })

  it('withKeyLostFallback: a lost key goes to the refresh; with no token left the session has ended (key-lost)', async () => {
    const { token, store, reader } = await tokens('jkt-1')
    const credentials = createRequestCredentials(fakeDpop('other').parts, reader)
    const refreshes: string[] = []
    const headersFor = withKeyLostFallback(credentials, reader, async () => {
      refreshes.push('refresh')
      store.set(null)
      throw new SessionExpiredError()
    })
    await expect(headersFor(token, 'get', URL)).rejects.toBeInstanceOf(SessionExpiredError)
    expect(refreshes).toEqual(['refresh'])

    await expect(headersFor(token, 'get', URL)).rejects.toMatchObject({ name: 'SessionExpiredError', reason: 'key-lost' })
    expect(refreshes).toEqual(['refresh'])
  })
})
