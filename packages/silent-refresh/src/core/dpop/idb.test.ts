import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { openKeyDatabase, readOrWrite, readRecord } from './idb'

const isString = (value: unknown): value is string => typeof value === 'string'

describe('readRecord', () => {
  it('answers with the read itself, before its transaction reports complete (one round trip fewer on the boot path)', async () => {
    const db = await openKeyDatabase(new IDBFactory(), 'idb-read-test', () => undefined)
    await readOrWrite(db, 'current', 'the record', isString)
    // Note when the read's transaction completes, without changing what readRecord does with it.
    const events: string[] = []
    const transaction = db.transaction.bind(db)
    db.transaction = ((...args: Parameters<IDBDatabase['transaction']>) => {
      const tx = transaction(...args)
      tx.addEventListener('complete', () => events.push('transaction complete'))
      return tx
    }) as IDBDatabase['transaction']

    const value = await readRecord(db, 'current')
    events.push('read answered')

    expect(value).toBe('the record')
    expect(events[0]).toBe('read answered')
    db.close()
  })

  it('answers undefined for a key with no record, and rejects when the transaction is aborted', async () => {
    const db = await openKeyDatabase(new IDBFactory(), 'idb-abort-test', () => undefined)
    expect(await readRecord(db, 'missing')).toBeUndefined()

    const transaction = db.transaction.bind(db)
    db.transaction = ((...args: Parameters<IDBDatabase['transaction']>) => {
      const tx = transaction(...args)
      tx.abort()
      return tx
    }) as IDBDatabase['transaction']
    await expect(readRecord(db, 'current')).rejects.toThrow()
    db.close()
  })
})
