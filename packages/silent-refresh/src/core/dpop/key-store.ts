import { calculateThumbprint, generateKeyPair } from 'dpop'
import { DpopKeyLostError, DpopUnavailableError } from './errors'
import { deleteRecord, openKeyDatabase, readOrWrite, readRecord } from './idb'

/** The origin's DPoP key pair and its RFC 7638 thumbprint (what a bound token's `cnf.jkt` holds). */
export interface DpopKey {
  keyPair: CryptoKeyPair
  thumbprint: string
}

export interface DpopKeyStoreOptions {
  /** Default: `globalThis.indexedDB`. Tests pass `new IDBFactory()` from `fake-indexeddb`. */
  indexedDB?: IDBFactory | undefined
  /** Default: `silent-refresh-dpop`. */
  dbName?: string
  /** Default: panva's `dpop` `generateKeyPair('ES256', { extractable: false })`. */
  generateKeyPair?: () => Promise<CryptoKeyPair>
}

/** The origin's one DPoP key, shared by every tab and kept across reloads. */
export interface DpopKeyStore {
  /** The stored key, or a new one stored first; every tab racing here ends with the same key. */
  getOrCreate(): Promise<DpopKey>
  /** The stored key, `null` when there is none. */
  get(): Promise<DpopKey | null>
  /** The key a bound session needs (`thumbprint` = the token's `cnf.jkt`); `DpopKeyLostError` when it is gone or replaced. */
  getBound(thumbprint: string): Promise<DpopKey>
  /** Deletes the stored key (this tab and every other). */
  clear(): Promise<void>
  /** Closes the database connection (tests; a later call opens it again). */
  close(): void
}

/** Where the key is kept: the record's key and the database's default name (the page's first module reads it too). */
export const RECORD = 'current'
export const DEFAULT_DB_NAME = 'silent-refresh-dpop'

function isP256Key(key: unknown, type: KeyType): key is CryptoKey {
  if (typeof key !== 'object' || key === null) return false
  const { algorithm } = key as CryptoKey
  return (key as CryptoKey).type === type && algorithm.name === 'ECDSA' && (algorithm as EcKeyAlgorithm).namedCurve === 'P-256'
}

/** A P-256 pair whose private half can sign and cannot be exported; anything else in the store is replaced. */
export function isUsableKeyPair(value: unknown): value is CryptoKeyPair {
  if (typeof value !== 'object' || value === null) return false
  const { privateKey, publicKey } = value as Partial<CryptoKeyPair>
  return isP256Key(privateKey, 'private') && !privateKey.extractable && privateKey.usages.includes('sign') && isP256Key(publicKey, 'public')
}

/**
 * Keeps one non-extractable ES256 key pair per origin in IndexedDB (CryptoKeys are structured-cloneable:
 * the browser stores the key without ever exposing the private half). The key is held in memory after
 * the first read; `getBound` reads IndexedDB again when the thumbprint it is asked for differs (another
 * tab signed in with a new key). IndexedDB or key generation failing → `DpopUnavailableError`.
 *
 * @example
 * const keys = createDpopKeyStore()
 * const { keyPair, thumbprint } = await keys.getOrCreate() // at login
 * const bound = await keys.getBound(decoded.cnf.jkt)       // before each request with a bound token
 */
export function createDpopKeyStore(options: DpopKeyStoreOptions = {}): DpopKeyStore {
  const factory = 'indexedDB' in options ? options.indexedDB : globalThis.indexedDB
  const dbName = options.dbName ?? DEFAULT_DB_NAME
  const generate = options.generateKeyPair ?? (() => generateKeyPair('ES256', { extractable: false }))
  let connection: Promise<IDBDatabase> | null = null
  /** The key last read from or written to the store. */
  let known: DpopKey | null = null
  let creating: Promise<DpopKey> | null = null

  const database = (): Promise<IDBDatabase> => {
    connection ??= (async () => {
      if (!factory) throw new DpopUnavailableError('DPoP needs IndexedDB to keep its key, and there is none here')
      try {
        return await openKeyDatabase(factory, dbName, () => {
          connection = null
        })
      } catch (error) {
        connection = null
        throw new DpopUnavailableError(`IndexedDB database "${dbName}" could not be opened`, { cause: error })
      }
    })()
    return connection
  }

  /** Runs one IndexedDB step; its failures become `DpopUnavailableError`. */
  const withDatabase = async <T>(what: string, step: (db: IDBDatabase) => Promise<T>): Promise<T> => {
    const db = await database()
    try {
      return await step(db)
    } catch (error) {
      throw new DpopUnavailableError(`Could not ${what} the DPoP key in IndexedDB "${dbName}"`, { cause: error })
    }
  }

  const remember = async (keyPair: CryptoKeyPair): Promise<DpopKey> => {
    if (known?.keyPair.publicKey === keyPair.publicKey) return known
    known = { keyPair, thumbprint: await calculateThumbprint(keyPair.publicKey) }
    return known
  }

  const get = async (): Promise<DpopKey | null> => {
    if (known) return known
    const record = await withDatabase('read', (db) => readRecord(db, RECORD))
    return isUsableKeyPair(record) ? remember(record) : null
  }

  const create = async (): Promise<DpopKey> => {
    const existing = await get()
    if (existing) return existing
    let candidate: CryptoKeyPair
    try {
      candidate = await generate()
    } catch (error) {
      throw new DpopUnavailableError('This browser cannot make an ECDSA P-256 key for DPoP', { cause: error })
    }
    // Another tab may have stored its key since our read: the transaction keeps whichever came first.
    return remember(await withDatabase('store', (db) => readOrWrite(db, RECORD, candidate, isUsableKeyPair)))
  }

  return {
    getOrCreate() {
      creating ??= create().finally(() => {
        creating = null
      })
      return creating
    },
    get,
    async getBound(thumbprint) {
      if (known?.thumbprint === thumbprint) return known
      known = null
      const found = await get().catch((error: unknown) => {
        // The key may still be there, but a session that cannot reach it cannot refresh either.
        throw new DpopKeyLostError({ expectedThumbprint: thumbprint, foundThumbprint: null }, { cause: error })
      })
      if (found?.thumbprint === thumbprint) return found
      throw new DpopKeyLostError({ expectedThumbprint: thumbprint, foundThumbprint: found?.thumbprint ?? null })
    },
    async clear() {
      known = null
      await withDatabase('delete', (db) => deleteRecord(db, RECORD))
    },
    close() {
      const open = connection
      connection = null
      known = null
      void open?.then((db) => db.close(), () => undefined)
    },
  }
}
