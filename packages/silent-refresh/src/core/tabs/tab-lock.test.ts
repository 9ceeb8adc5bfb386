import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeLocks, createFakeTabs } from '../../testing/fake-tabs'
import { createLeaseLock, type LeaseStorage } from './lease-lock'
import type { TabLock } from './tab-lock'
import { sleep, systemTimers } from './timers'
import { createWebLock } from './web-lock'

const NAME = 'test-lock'

// Every wait below is on fake time: `Date.now()` and the timers move only when `settle` moves them.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

/** Moves fake time forward a millisecond at a time until `promise` settles; returns it. */
async function settle<T>(promise: Promise<T>, maxMs = 60_000): Promise<T> {
  let done = false
  promise.then(
    () => (done = true),
    () => (done = true),
  )
  for (let ms = 0; !done && ms < maxMs; ms++) await vi.advanceTimersByTimeAsync(1)
  return promise
}

/** Runs `n` tasks through `locks[i % locks.length]` at once and records how many were inside at the same time. */
async function contend(locks: TabLock[], n: number, taskMs = 5) {
  let inside = 0
  let maxInside = 0
  const order: number[] = []
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      locks[i % locks.length]!.run(async () => {
        inside += 1
        maxInside = Math.max(maxInside, inside)
        await sleep(taskMs)
        order.push(i)
        inside -= 1
        return i
      }),
    ),
  )
  return { results, maxInside, order }
}

describe('the Web Locks tab lock', () => {
  const bounds = { holdTimeoutMs: 200, waitTimeoutMs: 400 }

  it('lets one task in at a time, in the order they asked, and returns each outcome', async () => {
    const locks = createFakeLocks()
    const tabs = Array.from({ length: 5 }, () => createWebLock(locks, NAME, bounds))
    const { results, maxInside, order } = await settle(contend(tabs, 20))
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i))
    expect(maxInside).toBe(1)
    expect(order).toEqual(results)
    expect(locks.isHeld(NAME)).toBe(false)
  })

  it('passes a task failure to its caller and releases the lock', async () => {
    const lock = createWebLock(createFakeLocks(), NAME, bounds)
    await expect(settle(lock.run(() => Promise.reject(new Error('refresh failed'))))).rejects.toThrow('refresh failed')
    await expect(settle(lock.run(async () => 'next'))).resolves.toBe('next')
  })

  it('releases a holder whose task hangs after the hold bound; the hung task still settles for its caller', async () => {
    const locks = createFakeLocks()
    const [a, b] = [createWebLock(locks, NAME, bounds), createWebLock(locks, NAME, bounds)]
    let finishHung!: (value: string) => void
    const hung = a.run(() => new Promise<string>((resolve) => (finishHung = resolve)))
    const started = Date.now()
    await expect(settle(b.run(async () => 'b ran'))).resolves.toBe('b ran')
    const waited = Date.now() - started
    expect(waited).toBeGreaterThanOrEqual(bounds.holdTimeoutMs - 20)
    expect(waited).toBeLessThan(bounds.waitTimeoutMs)
    finishHung('a finished late')
    await expect(settle(hung)).resolves.toBe('a finished late')
  })

  it('takes over from a frozen holder after the wait bound, and the waiters still go one at a time', async () => {
    const locks = createFakeLocks()
    // A frozen page: it holds the lock and its own timers never run. (Its request rejects when robbed.)
    const frozen = locks.request(NAME, {}, () => new Promise(() => {})).catch((error: unknown) => error)
    const tabs = Array.from({ length: 4 }, () => createWebLock(locks, NAME, bounds))
    const started = Date.now()
    const { results, maxInside } = await settle(contend(tabs, 8, 20))
    expect(Date.now() - started).toBeGreaterThanOrEqual(bounds.waitTimeoutMs - 20)
    expect(results).toEqual(Array.from({ length: 8 }, (_, i) => i))
    expect(maxInside).toBe(1)
    await expect(frozen).resolves.toMatchObject({ name: 'AbortError' })
  })

  it('goes on without the lock when the lock manager fails', async () => {
    const broken = {
      request: () => Promise.reject(new DOMException('The request was denied', 'SecurityError')),
    }
    await expect(settle(createWebLock(broken, NAME, bounds).run(async () => 'ran anyway'))).resolves.toBe('ran anyway')
  })
})

/**
 * Storage as browsers share it between tabs: one ordered copy that every write reaches `lagMs` later,
 * and a copy per tab that sees its own writes at once and everybody's (in that order) `lagMs` after that.
 */
function laggingStorage(lagMs: number) {
  const views: Array<Map<string, string>> = []
  return () => {
    const own = new Map<string, string>()
    views.push(own)
    const write = (apply: (view: Map<string, string>) => void) => {
      apply(own)
      setTimeout(() => {
        for (const view of views) setTimeout(() => apply(view), lagMs)
      }, lagMs)
    }
    const view: LeaseStorage = {
      getItem: (key) => own.get(key) ?? null,
      setItem: (key, value) => write((v) => v.set(key, value)),
      removeItem: (key) => write((v) => v.delete(key)),
    }
    return view
  }
}

describe('the storage lease (no Web Locks)', () => {
  const bounds = { holdTimeoutMs: 300, waitTimeoutMs: 2_000, timers: systemTimers, pollMs: 10, confirmMs: 10 }

  it('lets one task in at a time across tabs and leaves nothing behind', async () => {
    const { storage } = createFakeTabs()
    const writes: string[] = []
    const spied: LeaseStorage = { ...storage, setItem: (key, value) => (writes.push(value), storage.setItem(key, value)) }
    const tabs = Array.from({ length: 4 }, () => createLeaseLock(spied, NAME, bounds))
    const { results, maxInside } = await settle(contend(tabs, 12))
    expect(results).toHaveLength(12)
    expect(maxInside).toBe(1)
    expect(storage.keys()).toEqual([])
    // The lease is an owner id and an expiry, nothing else.
    for (const value of writes) expect(Object.keys(JSON.parse(value) as object).sort()).toEqual(['expiresAt', 'owner'])
  })

  it('settles two claims made at once, before either tab could see the other', async () => {
    const tabView = laggingStorage(5)
    const tabs = Array.from({ length: 3 }, () => createLeaseLock(tabView(), NAME, { ...bounds, confirmMs: 30 }))
    const { maxInside } = await settle(contend(tabs, 3, 30))
    expect(maxInside).toBe(1)
  })

  it("waits out a dead tab's lease, then proceeds", async () => {
    const { storage } = createFakeTabs()
    storage.setItem(NAME, JSON.stringify({ owner: 'a closed tab', expiresAt: Date.now() + 250 }))
    const started = Date.now()
    await settle(createLeaseLock(storage, NAME, bounds).run(async () => undefined))
    const waited = Date.now() - started
    expect(waited).toBeGreaterThanOrEqual(230)
    expect(waited).toBeLessThan(bounds.waitTimeoutMs)
  })

  it('lets the next tab in after the hold bound when a holder hangs', async () => {
    const { storage } = createFakeTabs()
    const [a, b] = [createLeaseLock(storage, NAME, bounds), createLeaseLock(storage, NAME, bounds)]
    // Tab A holds the lease (its task has started) and never finishes.
    await settle(new Promise<void>((holding) => void a.run(() => (holding(), new Promise(() => {})))))
    const started = Date.now()
    await settle(b.run(async () => undefined))
    expect(Date.now() - started).toBeGreaterThanOrEqual(bounds.holdTimeoutMs - 60)
  })

  it('runs the task when storage refuses to write', async () => {
    const refusing: LeaseStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError')
      },
      removeItem: () => undefined,
    }
    await expect(settle(createLeaseLock(refusing, NAME, bounds).run(async () => 'ran'))).resolves.toBe('ran')
  })
})
