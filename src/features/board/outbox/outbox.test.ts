// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RequestProblem } from '../../../lib/describe-request-error'
import type { Post } from '../api/post'
import { createOutbox } from './outbox'
import type { OutboxEntry } from './outbox-storage'

class Failure extends Error {
  constructor(readonly problem: RequestProblem) {
    super(problem.kind)
  }
}

/** A server that makes one post per key (as the mock does), failing as told first. */
function fakeServer() {
  const byKey = new Map<string, Post>()
  const failures: RequestProblem[] = []
  let calls = 0
  return {
    failNext: (...problems: RequestProblem[]) => failures.push(...problems),
    calls: () => calls,
    created: () => byKey.size,
    async post(entry: OutboxEntry): Promise<Post> {
      calls++
      const failure = failures.shift()
      if (failure) throw new Failure(failure)
      const earlier = byKey.get(entry.key)
      if (earlier) return earlier
      const post = { id: `p${byKey.size + 1}`, title: entry.title, body: entry.body } as unknown as Post
      byKey.set(entry.key, post)
      return post
    },
  }
}

const classify = (error: unknown): RequestProblem => (error instanceof Failure ? error.problem : { kind: 'other' })
const ENTRY: OutboxEntry = { key: 'key-1', title: 'Hello', body: 'World' }

function setup() {
  const server = fakeServer()
  const outbox = createOutbox({ storage: sessionStorage, userId: 'u1', post: (e) => server.post(e), classify })
  const sent: string[] = []
  outbox.subscribe({ sent: (post) => sent.push(post.id) })
  return { server, outbox, sent }
}

describe('the outbox', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => {
    vi.useRealTimers()
    sessionStorage.clear()
  })

  it('offline, keeps the post without sending anything, and sends it once when the connection returns', async () => {
    const { server, outbox, sent } = setup()
    outbox.setOnline(false)
    expect(await outbox.send(ENTRY)).toEqual({ outcome: 'kept', problem: { kind: 'offline' }, retrying: true })
    expect(outbox.items()).toEqual([{ ...ENTRY, status: { state: 'waiting-online' } }])
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(server.calls()).toBe(0)

    outbox.setOnline(true)
    await vi.waitFor(() => expect(sent).toEqual(['p1']))
    expect(server.created()).toBe(1)
    expect(outbox.items()).toEqual([])
    expect(sessionStorage.getItem('board-outbox:u1')).toBeNull()
  })

  it('keeps a post the server could not take and retries it by itself with backoff, under the same key', async () => {
    const { server, outbox, sent } = setup()
    outbox.setOnline(true)
    server.failNext({ kind: 'server-trouble' }, { kind: 'unreachable' })
    expect(await outbox.send(ENTRY)).toEqual({ outcome: 'kept', problem: { kind: 'server-trouble' }, retrying: true })
    expect(outbox.items()[0]!.status).toEqual({ state: 'retrying', problem: { kind: 'server-trouble' }, delayMs: 2_000 })
    await vi.advanceTimersByTimeAsync(1_999)
    expect(server.calls()).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(server.calls()).toBe(2)
    expect(outbox.items()[0]!.status).toMatchObject({ state: 'retrying', delayMs: 4_000 })
    await vi.advanceTimersByTimeAsync(4_000)
    expect(sent).toEqual(['p1'])
    expect(server.calls()).toBe(3)
    expect(server.created()).toBe(1)
  })

  it("waits as long as the server's Retry-After says", async () => {
    const { server, outbox } = setup()
    outbox.setOnline(true)
    server.failNext({ kind: 'rate-limited', retryAfterSeconds: 30 })
    await outbox.send(ENTRY)
    await vi.advanceTimersByTimeAsync(29_999)
    expect(server.calls()).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(server.calls()).toBe(2)
  })

  it('stops retrying by itself after a bounded number of attempts, and tries again when asked', async () => {
    const { server, outbox, sent } = setup()
    outbox.setOnline(true)
    server.failNext(...Array.from({ length: 7 }, () => ({ kind: 'server-trouble' }) as const))
    await outbox.send(ENTRY)
    await vi.advanceTimersByTimeAsync(60 * 60_000)
    expect(server.calls()).toBe(7)
    expect(outbox.items()[0]!.status).toEqual({ state: 'stopped', problem: { kind: 'server-trouble' } })
    expect(await outbox.send(ENTRY)).toMatchObject({ outcome: 'sent' })
    expect(sent).toEqual(['p1'])
  })

  it('sends a double send once at a time, and a resend of the same key makes no second post', async () => {
    const { server, outbox, sent } = setup()
    outbox.setOnline(true)
    const [a, b] = await Promise.all([outbox.send(ENTRY), outbox.send(ENTRY)])
    expect(a).toBe(b)
    expect(server.calls()).toBe(1)
    await outbox.send(ENTRY)
    expect(server.created()).toBe(1)
    expect(sent).toEqual(['p1', 'p1'])
  })

  it('survives a reload: what was kept is read back and sent with the same key when online', async () => {
    const first = setup()
    first.outbox.setOnline(true)
    first.server.failNext({ kind: 'unreachable' })
    await first.outbox.send(ENTRY)
    first.outbox.stop()
    const stored = JSON.parse(sessionStorage.getItem('board-outbox:u1')!) as OutboxEntry[]
    expect(stored).toEqual([ENTRY])

    const keys: string[] = []
    const reloaded = createOutbox({ storage: sessionStorage, userId: 'u1', post: async (e) => (keys.push(e.key), first.server.post(e)), classify })
    expect(reloaded.items()).toEqual([{ ...ENTRY, status: { state: 'queued' } }])
    reloaded.setOnline(true)
    await vi.waitFor(() => expect(reloaded.items()).toEqual([]))
    expect(keys).toEqual(['key-1'])
  })

  it('does not keep what the server refused; a queued post that is refused leaves with a word to the form', async () => {
    const { server, outbox } = setup()
    const dropped: string[] = []
    outbox.subscribe({ dropped: (entry, problem) => dropped.push(`${entry.key}:${problem.kind}`) })
    outbox.setOnline(true)
    server.failNext({ kind: 'rejected', reason: 'no' })
    expect(await outbox.send(ENTRY)).toMatchObject({ outcome: 'failed', problem: { kind: 'rejected' } })
    expect(outbox.items()).toEqual([])
    expect(dropped).toEqual([])

    server.failNext({ kind: 'unreachable' }, { kind: 'rejected', reason: 'no' })
    await outbox.send(ENTRY)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(outbox.items()).toEqual([])
    expect(dropped).toEqual(['key-1:rejected'])
  })

  it('a session end before anything was queued is not kept (the draft is); a queued post waits for the next login', async () => {
    const { server, outbox } = setup()
    outbox.setOnline(true)
    server.failNext({ kind: 'session-ended' })
    expect(await outbox.send(ENTRY)).toMatchObject({ outcome: 'failed', problem: { kind: 'session-ended' } })
    expect(outbox.items()).toEqual([])

    server.failNext({ kind: 'unreachable' }, { kind: 'session-ended' })
    await outbox.send(ENTRY)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(outbox.items()).toEqual([{ ...ENTRY, status: { state: 'stopped', problem: { kind: 'session-ended' } } }])
  })
})
