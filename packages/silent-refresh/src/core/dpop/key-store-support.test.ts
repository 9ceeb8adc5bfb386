import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { detectDpopSupport } from './key-store'

describe('detectDpopSupport', () => {
  it('says DPoP works with WebCrypto and IndexedDB', () => {
    expect(detectDpopSupport({ crypto: globalThis.crypto, indexedDB: new IDBFactory() })).toEqual({ supported: true })
  })

  it('names what is missing, so the client falls back to Bearer', () => {
    // An insecure context (plain http off localhost) has `crypto` but no `crypto.subtle`.
    expect(detectDpopSupport({ crypto: {}, indexedDB: new IDBFactory() })).toEqual({ supported: false, reason: 'no-webcrypto' })
    expect(detectDpopSupport({ crypto: globalThis.crypto, indexedDB: undefined })).toEqual({ supported: false, reason: 'no-indexeddb' })
    expect(detectDpopSupport({})).toEqual({ supported: false, reason: 'no-webcrypto' })
  })
})
