/** The few IndexedDB operations the key store needs, as promises. One object store, records by key. */

const OBJECT_STORE = 'keys'

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'))
  })
}

function completion(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'))
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'))
  })
}

/**
 * Opens (creating on first use) the database. `onGone` runs when the connection is no longer usable:
 * another context deletes or upgrades the database (we close so it is not blocked), or the browser
 * closes it (site data cleared).
 */
export async function openKeyDatabase(factory: IDBFactory, name: string, onGone: () => void): Promise<IDBDatabase> {
  const request = factory.open(name, 1)
  request.onupgradeneeded = () => {
    if (!request.result.objectStoreNames.contains(OBJECT_STORE)) request.result.createObjectStore(OBJECT_STORE)
  }
  const db = await settle(request)
  db.onversionchange = () => {
    db.close()
    onGone()
  }
  db.onclose = onGone
  return db
}

/**
 * The record stored under `key`, `undefined` when there is none. Settled by the read's own success: a read-only
 * transaction has nothing to commit, and its `complete` event is one more message from the browser, a task that waits
 * its turn on a busy main thread (the start-up refresh's path reads the key through here).
 */
export async function readRecord(db: IDBDatabase, key: string): Promise<unknown> {
  const tx = db.transaction(OBJECT_STORE, 'readonly')
  const read = settle(tx.objectStore(OBJECT_STORE).get(key))
  // An abort without a failed request (the browser closing the connection) still settles the read.
  const aborted = new Promise<never>((_resolve, reject) => {
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'))
  })
  aborted.catch(() => undefined)
  return Promise.race([read, aborted])
}

/**
 * In ONE readwrite transaction: the record under `key` if `accept` takes it, else `candidate`, written.
 * Readwrite transactions on one store run one after another across every connection of the origin,
 * so two contexts racing here end with the same record.
 */
export async function readOrWrite<T>(db: IDBDatabase, key: string, candidate: T, accept: (value: unknown) => value is T): Promise<T> {
  const tx = db.transaction(OBJECT_STORE, 'readwrite')
  const store = tx.objectStore(OBJECT_STORE)
  let result = candidate
  const read = store.get(key)
  read.onsuccess = () => {
    if (accept(read.result)) result = read.result
    else store.put(candidate, key)
  }
  await completion(tx)
  return result
}

export async function deleteRecord(db: IDBDatabase, key: string): Promise<void> {
  const tx = db.transaction(OBJECT_STORE, 'readwrite')
  tx.objectStore(OBJECT_STORE).delete(key)
  await completion(tx)
}
