import type { LeaseStorage } from '../core/tabs/lease-lock'
import { createTabCoordinator, type TabChannel, type TabCoordinatorOptions } from '../core/tabs/tab-coordinator'
import type { TabLocks } from '../core/tabs/web-lock'

interface Holder {
  stolen(): void
}

interface Waiter {
  grant(): void
}

/**
 * An in-process `navigator.locks` (exclusive mode only) with the parts of the spec the coordinator relies on:
 * a FIFO queue per name, `ifAvailable`, `steal` (the robbed request rejects with an `AbortError`, its callback
 * runs on) and `signal` (a queued request rejects with the signal's reason).
 */
export function createFakeLocks(): TabLocks & { isHeld(name: string): boolean; pending(name: string): number } {
  const held = new Map<string, Holder>()
  const queues = new Map<string, Waiter[]>()
  const queueOf = (name: string) => queues.get(name) ?? queues.set(name, []).get(name)!

  function grantNext(name: string): void {
    if (held.has(name)) return
    queueOf(name).shift()?.grant()
  }

  return {
    isHeld: (name) => held.has(name),
    /** How many requests wait in the queue for `name` (what `navigator.locks.query()` lists as pending). */
    pending: (name) => queueOf(name).length,
    request<T>(name: string, options: LockOptions, callback: (lock: Lock | null) => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const { signal, ifAvailable, steal } = options
        if (signal?.aborted) return reject(signal.reason)
        const grant = () => {
          const holder: Holder = { stolen: () => reject(new DOMException(`Lock ${name} was stolen`, 'AbortError')) }
          held.set(name, holder)
          Promise.resolve()
            .then(() => callback({ name, mode: 'exclusive' }))
            .then(resolve, reject)
            .finally(() => {
              if (held.get(name) !== holder) return
              held.delete(name)
              grantNext(name)
            })
        }
        if (steal) {
          held.get(name)?.stolen()
          held.delete(name)
          grant()
          return
        }
        if (!held.has(name) && queueOf(name).length === 0) return grant()
        if (ifAvailable) {
          Promise.resolve().then(() => callback(null)).then(resolve, reject)
          return
        }
        const onAbort = () => {
          const queue = queueOf(name)
          queue.splice(queue.indexOf(waiter), 1)
          reject(signal?.reason)
        }
        const waiter: Waiter = {
          grant: () => {
            signal?.removeEventListener('abort', onAbort)
            grant()
          },
        }
        queueOf(name).push(waiter)
        signal?.addEventListener('abort', onAbort, { once: true })
      })
    },
  }
}

/**
 * In-process tabs: one lock manager, one storage and a `BroadcastChannel` hub that, like the real one,
 * delivers a structured clone of each message to every other open channel of the same name, in a later task.
 */
export function createFakeTabs() {
  const locks = createFakeLocks()
  const items = new Map<string, string>()
  const storage: LeaseStorage & { keys(): string[] } = {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    keys: () => [...items.keys()],
  }
  const open = new Set<{ name: string; deliver(data: unknown): void }>()
  /** Every message posted on any channel, for assertions. */
  const posted: unknown[] = []

  function channel(name = 'fake-tabs'): TabChannel {
    const listeners = new Set<(event: MessageEvent) => void>()
    const end = {
      name,
      deliver: (data: unknown) => {
        const event = new MessageEvent('message', { data })
        for (const listener of listeners) listener(event)
      },
    }
    open.add(end)
    return {
      postMessage(message) {
        if (!open.has(end)) throw new DOMException('BroadcastChannel is closed', 'InvalidStateError')
        posted.push(message)
        for (const other of open) {
          if (other === end || other.name !== name) continue
          const copy = structuredClone(message)
          setTimeout(() => open.has(other) && other.deliver(copy), 0)
        }
      },
      addEventListener: (_type, listener) => void listeners.add(listener),
      removeEventListener: (_type, listener) => void listeners.delete(listener),
      close: () => void open.delete(end),
    }
  }

  return {
    locks,
    storage,
    channel,
    posted,
    /** Resolves once every message posted so far has been delivered (each delivery is a 0 ms timer, and those run in order). */
    delivered: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
    /** A coordinator for one more tab: its own channel end on the shared hub, the shared locks. */
    coordinator: (options: Omit<TabCoordinatorOptions, 'channel'> = {}) =>
      createTabCoordinator({ locks, ...options, channel: channel() }),
  }
}
