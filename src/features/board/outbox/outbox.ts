import type { RequestProblem } from '../../../lib/describe-request-error'
import type { Post } from '../api/post'
import { loadOutbox, saveOutbox, type OutboxEntry } from './outbox-storage'
import { retryPlan, type RetryPlan } from './retry-plan'

/** Where an unsent post stands, as the person is told. */
export type OutboxStatus =
  | { state: 'queued' }
  | { state: 'sending' }
  | { state: 'waiting-online' }
  | { state: 'retrying'; problem: RequestProblem; delayMs: number }
  /** Not tried again by itself (attempts used up, a very long wait, the session ended): sent on request or on reconnecting. */
  | { state: 'stopped'; problem: RequestProblem }

export interface OutboxItem extends OutboxEntry {
  status: OutboxStatus
}

export type SendResult =
  | { outcome: 'sent'; post: Post }
  /** Kept in the outbox; `retrying`: it is sent again by itself (after a backoff, or when back online). */
  | { outcome: 'kept'; problem: RequestProblem; retrying: boolean }
  /** Not kept: the server refused it, or the session ended before it was ever queued. */
  | { outcome: 'failed'; problem: RequestProblem; error: unknown }

export interface OutboxListener {
  /** A post reached the server (a first send or a resend under the same key). */
  sent?(post: Post, entry: OutboxEntry): void
  /** A queued post the server refused: it left the outbox. */
  dropped?(entry: OutboxEntry, problem: RequestProblem): void
  /** The items changed. */
  changed?(items: readonly OutboxItem[]): void
}

export interface OutboxDeps {
  storage: Storage
  userId: string
  /** Sends one post under its Idempotency-Key. */
  post(entry: OutboxEntry): Promise<Post>
  /** What went wrong with a failed send. */
  classify(error: unknown): RequestProblem
  timers?: { setTimeout(callback: () => void, ms: number): unknown; clearTimeout(id: unknown): void }
}

export interface Outbox {
  items(): readonly OutboxItem[]
  /** Sends a post now under its key; one send per key at a time (a second call shares the first). Offline, it only queues. */
  send(entry: OutboxEntry): Promise<SendResult>
  /** The browser's connection: back online (or told online at the start) sends what waits, attempts counted afresh. */
  setOnline(online: boolean): void
  subscribe(listener: OutboxListener): () => void
  /**
   * Takes a waiting post out (to edit it, or to drop it): its timer stops and it is never sent by the outbox again.
   * `null` while it is being sent (or when it is not there).
   */
  take(key: string): OutboxEntry | null
  /** Stops the retry timers (the items stay stored and are sent on the next `setOnline(true)`). */
  stop(): void
  /** Stops for good and deletes what waits from storage (an explicit sign-out); a send in flight saves nothing. */
  discard(): void
}

function statusFor(plan: RetryPlan, problem: RequestProblem): OutboxStatus {
  if (plan.kind === 'when-online') return { state: 'waiting-online' }
  if (plan.kind === 'after') return { state: 'retrying', problem, delayMs: plan.delayMs }
  return { state: 'stopped', problem }
}

const defaultTimers = {
  setTimeout: (callback: () => void, ms: number): unknown => globalThis.setTimeout(callback, ms),
  clearTimeout: (id: unknown) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
}

/**
 * Posts the server has not confirmed, kept in storage with their Idempotency-Keys and sent by themselves: when the
 * browser is back online, after a bounded backoff when the server was missing or in trouble, and after a reload.
 * The same key every time, so however often a post is sent the server makes it once. Offline, nothing is sent.
 */
export function createOutbox({ storage, userId, post, classify, timers = defaultTimers }: OutboxDeps): Outbox {
  let items: readonly OutboxItem[] = loadOutbox(storage, userId).map((entry) => ({ ...entry, status: { state: 'queued' } }))
  let online = false
  const inFlight = new Map<string, Promise<SendResult>>()
  const failures = new Map<string, number>()
  const retryTimers = new Map<string, unknown>()
  const listeners = new Set<OutboxListener>()

  const isQueued = (key: string) => items.some((item) => item.key === key)
  let discarded = false
  function commit(next: readonly OutboxItem[]) {
    items = next
    if (!discarded) saveOutbox(storage, userId, next)
    for (const listener of listeners) listener.changed?.(next)
  }
  function put(entry: OutboxEntry, status: OutboxStatus) {
    const item: OutboxItem = { key: entry.key, title: entry.title, body: entry.body, status }
    commit(isQueued(entry.key) ? items.map((i) => (i.key === entry.key ? item : i)) : [...items, item])
  }
  const remove = (key: string) => commit(items.filter((item) => item.key !== key))
  function clearTimer(key: string) {
    if (retryTimers.has(key)) timers.clearTimeout(retryTimers.get(key))
    retryTimers.delete(key)
  }
  function schedule(entry: OutboxEntry, delayMs: number) {
    clearTimer(entry.key)
    const id = timers.setTimeout(() => {
      retryTimers.delete(entry.key)
      void send(entry).then((result) => (result.outcome === 'sent' ? flush() : undefined))
    }, delayMs)
    retryTimers.set(entry.key, id)
  }

  function failed(entry: OutboxEntry, queued: boolean, error: unknown): SendResult {
    const problem = classify(error)
    const count = (failures.get(entry.key) ?? 0) + 1
    failures.set(entry.key, count)
    const plan = retryPlan(problem, count)
    if (plan.kind !== 'drop') {
      put(entry, statusFor(plan, problem))
      if (plan.kind === 'after') schedule(entry, plan.delayMs)
      return { outcome: 'kept', problem, retrying: plan.kind !== 'stop' }
    }
    if (queued && problem.kind === 'session-ended') {
      // Already the person's post, not a draft: kept for after the next login.
      put(entry, { state: 'stopped', problem })
      return { outcome: 'kept', problem, retrying: false }
    }
    failures.delete(entry.key)
    if (queued) {
      remove(entry.key)
      for (const listener of listeners) listener.dropped?.(entry, problem)
    }
    return { outcome: 'failed', problem, error }
  }

  async function attempt(entry: OutboxEntry): Promise<SendResult> {
    const queued = isQueued(entry.key)
    if (!online) {
      // Nothing is sent offline (no request, no refresh): the post waits for the connection.
      put(entry, { state: 'waiting-online' })
      return { outcome: 'kept', problem: { kind: 'offline' }, retrying: true }
    }
    if (queued) put(entry, { state: 'sending' })
    try {
      const created = await post(entry)
      failures.delete(entry.key)
      if (isQueued(entry.key)) remove(entry.key)
      for (const listener of listeners) listener.sent?.(created, entry)
      return { outcome: 'sent', post: created }
    } catch (error) {
      return failed(entry, queued, error)
    }
  }

  function send(entry: OutboxEntry): Promise<SendResult> {
    const running = inFlight.get(entry.key)
    if (running) return running
    clearTimer(entry.key)
    const result = attempt(entry).finally(() => inFlight.delete(entry.key))
    inFlight.set(entry.key, result)
    return result
  }

  /** Sends what waits, oldest first, one at a time; stops at the first that is kept again. */
  async function flush(): Promise<void> {
    for (const item of items) {
      if (!online) return
      const result = await send(item)
      if (result.outcome === 'kept') return
    }
  }

  return {
    items: () => items,
    send,
    setOnline(next) {
      online = next
      if (!next) return
      failures.clear()
      void flush()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    take(key) {
      const item = items.find((i) => i.key === key)
      if (!item || inFlight.has(key)) return null
      clearTimer(key)
      failures.delete(key)
      remove(key)
      return { key: item.key, title: item.title, body: item.body }
    },
    stop() {
      for (const key of [...retryTimers.keys()]) clearTimer(key)
    },
    discard() {
      this.stop()
      online = false
      saveOutbox(storage, userId, [])
      discarded = true
    },
  }
}
