import { generateKeyPair } from 'dpop'
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { DpopKeyLostError, DpopUnavailableError } from '../errors'
import { createDpopKeyStore } from './key-store'
import { createDpopSigner } from './signer'
import { verifyProofLikeAServer } from '../../../../../tests/support/dpop-proof'

/** Resolves once `count` callers are waiting, then lets them all go: a race that really happens. */
function barrier(count: number) {
  let waiting = 0
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return async () => {
    waiting += 1
    if (waiting === count) open()
    await opened
  }
}

function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name)
    request.onsuccess = () => resolve()
    request.onerror = () => reject(request.error)
  })
}

describe('createDpopKeyStore', () => {
  it('makes a P-256 key whose private half cannot be exported, also once read back after a reload', async () => {
    const indexedDB = new IDBFactory()
    const made = await createDpopKeyStore({ indexedDB }).getOrCreate()
    const reloaded = await createDpopKeyStore({ indexedDB }).get()

    expect(reloaded?.thumbprint).toBe(made.thumbprint)
    for (const key of [made, reloaded!]) {
      expect(key.keyPair.privateKey.extractable).toBe(false)
      expect(key.keyPair.privateKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' })
      await expect(crypto.subtle.exportKey('jwk', key.keyPair.privateKey)).rejects.toThrow()
      await expect(crypto.subtle.exportKey('pkcs8', key.keyPair.privateKey)).rejects.toThrow()
    }
  })

  it('signs with the stored key after a reload: the proof carries the thumbprint the login was bound to', async () => {
    const indexedDB = new IDBFactory()
    const { thumbprint } = await createDpopKeyStore({ indexedDB }).getOrCreate()
    const bound = await createDpopKeyStore({ indexedDB }).getBound(thumbprint)
    const proof = await createDpopSigner({ origin: 'http://localhost' }).proofFor({ keyPair: bound.keyPair, method: 'POST', url: '/api/auth/refresh' })
    expect((await verifyProofLikeAServer(proof)).thumbprint).toBe(thumbprint)
  })

  it('ends with one key when two tabs create it at the same moment', async () => {
    const indexedDB = new IDBFactory()
    const bothGenerating = barrier(2)
    let generated = 0
    const racingGenerate = async () => {
      generated += 1
      const pair = await generateKeyPair('ES256', { extractable: false })
      await bothGenerating() // neither stores before both have found the store empty
      return pair
    }
    const tabA = createDpopKeyStore({ indexedDB, generateKeyPair: racingGenerate })
    const tabB = createDpopKeyStore({ indexedDB, generateKeyPair: racingGenerate })

    const [a, b] = await Promise.all([tabA.getOrCreate(), tabB.getOrCreate()])

    expect(generated).toBe(2)
    expect(a.thumbprint).toBe(b.thumbprint)
    expect((await createDpopKeyStore({ indexedDB }).get())?.thumbprint).toBe(a.thumbprint)
  })

  it('makes one key for concurrent calls in one tab', async () => {
    let generated = 0
    const store = createDpopKeyStore({
      indexedDB: new IDBFactory(),
      generateKeyPair: () => {
        generated += 1
        return generateKeyPair('ES256', { extractable: false })
      },
    })
    const keys = await Promise.all([store.getOrCreate(), store.getOrCreate(), store.getOrCreate()])
    expect(generated).toBe(1)
    expect(new Set(keys.map((key) => key.thumbprint)).size).toBe(1)
  })

  it('says the bound key is lost when IndexedDB was cleared', async () => {
    const indexedDB = new IDBFactory()
    const tab = createDpopKeyStore({ indexedDB })
    const { thumbprint } = await tab.getOrCreate()
    await deleteDatabase(indexedDB, 'silent-refresh-dpop') // the open connection closes itself instead of blocking this

    const afterReload = createDpopKeyStore({ indexedDB })
    expect(await afterReload.get()).toBeNull()
    const lost = await afterReload.getBound(thumbprint).catch((error: unknown) => error)
    expect(lost).toBeInstanceOf(DpopKeyLostError)
    expect(lost).toMatchObject({ name: 'DpopKeyLostError', expectedThumbprint: thumbprint, foundThumbprint: null })
  })

  it('says the bound key is lost when another key replaced it, and never hands out the other key for it', async () => {
    const indexedDB = new IDBFactory()
    const first = await createDpopKeyStore({ indexedDB }).getOrCreate()
    const other = createDpopKeyStore({ indexedDB })
    await other.clear()
    const second = await other.getOrCreate()

    const lost = await createDpopKeyStore({ indexedDB }).getBound(first.thumbprint).catch((error: unknown) => error)
    expect(lost).toMatchObject({ name: 'DpopKeyLostError', expectedThumbprint: first.thumbprint, foundThumbprint: second.thumbprint })
  })

  it('finds the key another tab signed in with, though it held an older one in memory', async () => {
    const indexedDB = new IDBFactory()
    const tabA = createDpopKeyStore({ indexedDB })
    const old = await tabA.getOrCreate()
    const tabB = createDpopKeyStore({ indexedDB })
    await tabB.clear()
    const fresh = await tabB.getOrCreate()

    expect(fresh.thumbprint).not.toBe(old.thumbprint)
    expect((await tabA.getBound(fresh.thumbprint)).thumbprint).toBe(fresh.thumbprint)
  })

  it('replaces a stored key whose private half could be exported', async () => {
    const indexedDB = new IDBFactory()
    const weak = createDpopKeyStore({ indexedDB, generateKeyPair: () => generateKeyPair('ES256', { extractable: true }) })
    await weak.getOrCreate()
    weak.close()

    const key = await createDpopKeyStore({ indexedDB }).getOrCreate()
    expect(key.keyPair.privateKey.extractable).toBe(false)
  })

  it('is unavailable without IndexedDB, or when the database will not open', async () => {
    await expect(createDpopKeyStore({ indexedDB: undefined }).getOrCreate()).rejects.toBeInstanceOf(DpopUnavailableError)

    const indexedDB = new IDBFactory()
    await new Promise<void>((resolve, reject) => {
      const newer = indexedDB.open('silent-refresh-dpop', 2) // a version this code cannot open: VersionError
      newer.onsuccess = () => {
        newer.result.close()
        resolve()
      }
      newer.onerror = () => reject(newer.error)
    })
    const refused = await createDpopKeyStore({ indexedDB }).getOrCreate().catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(DpopUnavailableError)
    expect((refused as Error).cause).toMatchObject({ name: 'VersionError' })
  })

  it('is unavailable when the browser cannot make the key', async () => {
    const notSupported = new DOMException('ECDSA is not supported', 'NotSupportedError')
    const store = createDpopKeyStore({ indexedDB: new IDBFactory(), generateKeyPair: () => Promise.reject(notSupported) })
    const error = await store.getOrCreate().catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'DpopUnavailableError', cause: notSupported })
  })

  it('reports a bound key it cannot reach as lost', async () => {
    const error = await createDpopKeyStore({ indexedDB: undefined }).getBound('some-thumbprint').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DpopKeyLostError)
    expect((error as Error).cause).toBeInstanceOf(DpopUnavailableError)
  })
})
