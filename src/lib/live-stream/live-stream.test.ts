import { http, HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { manualTimers } from 'silent-refresh/testing'
import { useMockServer } from '../../../mocks/testing'
import { createTestClient, DEMO } from '../../../tests/support/auth-client'
import { createEventStreamParser, type ServerSentEvent } from './event-stream-parser'
import { openLiveStream, watchLiveStreams, type LiveStreamActivity } from './live-stream'

const HOUR = 3_600_000

const readTitle = (event: ServerSentEvent): string | undefined => {
  if (event.event !== 'post') return undefined
  try {
    const title = (JSON.parse(event.data) as { title?: unknown }).title
    return typeof title === 'string' ? title : undefined
  } catch {
    return undefined
  }
}

/** A post made by another person's client (its own login, its own host's cookie jar). */
async function postElsewhere(title: string) {
  const login = await fetch('http://elsewhere.localhost/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(DEMO) })
  const { accessToken } = (await login.json()) as { accessToken: string }
  const response = await fetch('http://elsewhere.localhost/api/posts', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ title, body: '' }),
  })
  expect(response.status).toBe(201)
}

describe('createEventStreamParser', () => {
  it('frames events as the HTML standard does: CRLF, CR and LF, comments, joined data lines, the last id, retry, chunks split anywhere', () => {
    const events: ServerSentEvent[] = []
    const retries: number[] = []
    const parser = createEventStreamParser((event) => events.push(event), (ms) => retries.push(ms))
    const text = ': hello\r\nretry: 2500\r\nid: 7\r\nevent: post\r\ndata: {"a":\r\ndata: 1}\r\n\r\ndata: plain\rdata:x\r\revent: empty\n\nretry: soon\nid: 8\0\ndata: last\n\n'
    for (const char of text) parser.push(char) // the worst split: one character at a time
    expect(events).toEqual([
      { event: 'post', data: '{"a":\n1}', lastEventId: '7' },
      { event: 'message', data: 'plain\nx', lastEventId: '7' },
      { event: 'message', data: 'last', lastEventId: '7' },
    ])
    expect(retries).toEqual([2500])
  })
})

describe('openLiveStream over the mock', () => {
  const { mockControl, server } = useMockServer({ dpop: 'optional' })

  function open(t: ReturnType<typeof createTestClient>, options: { timers?: ReturnType<typeof manualTimers>['timers'] } = {}) {
    const titles: string[] = []
    const activity: LiveStreamActivity[] = []
    const stopWatching = watchLiveStreams(t.client, (a) => activity.push(a))
    const stream = openLiveStream(t.client, { path: '/posts/stream', read: readTitle, onMessage: (title) => titles.push(title), ...options })
    return { stream, titles, activity, stop: () => (stream.close(), stopWatching()) }
  }

  it('delivers a post made by another client', async () => {
    const t = createTestClient()
    await t.signIn()
    const live = open(t)
    await vi.waitFor(() => expect(live.stream.status()).toBe('open'))
    await postElsewhere('Made elsewhere')
    await vi.waitFor(() => expect(live.titles).toEqual(['Made elsewhere']))
    live.stop()
    expect(live.activity.at(-1)).toEqual({ type: 'closed', path: '/posts/stream', reason: 'stopped' })
  })

  it('the token expires on the server: the server ends the stream, the reconnect goes through exactly one refresh of the client, and posts keep coming', async () => {
    const t = createTestClient()
    await t.signIn()
    const live = open(t)
    await vi.waitFor(() => expect(live.stream.status()).toBe('open'))
    const before = t.store.get()

    await mockControl.advanceClock(HOUR + 1000)

    await vi.waitFor(() => expect(t.store.get()).not.toBe(before))
    await vi.waitFor(() => expect(live.stream.status()).toBe('open'))
    await postElsewhere('After the hour')
    await vi.waitFor(() => expect(live.titles).toEqual(['After the hour']))
    expect((await mockControl.stats()).refreshCalls).toBe(1)
    expect(t.events.filter((event) => event.type === 'refresh-start')).toEqual([{ type: 'refresh-start', reason: 'after-401' }])
    expect(live.activity).toContainEqual({ type: 'auth-expired', path: '/posts/stream', reason: 'token-expired' })
    expect(live.activity).toContainEqual({ type: 'connecting', path: '/posts/stream', cause: 'token-change' })
    live.stop()
  })

  it('skips and counts a message that is not well-formed; never delivers it; the next good one comes', async () => {
    const encoder = new TextEncoder()
    server.use(
      http.get(
        '*/api/posts/stream',
        () =>
          new HttpResponse(
            new ReadableStream({
              start(controller) {
                controller.enqueue(encoder.encode('event: ready\ndata: {}\n\n'))
                controller.enqueue(encoder.encode('event: post\ndata: {"title": "broken\n\n'))
                controller.enqueue(encoder.encode('event: post\ndata: {"no": "title"}\n\n'))
                controller.enqueue(encoder.encode('id: 1\nevent: post\ndata: {"title": "Good"}\n\n'))
              },
            }),
            { headers: { 'Content-Type': 'text/event-stream' } },
          ),
        { once: true },
      ),
    )
    const t = createTestClient()
    await t.signIn()
    const live = open(t)
    await vi.waitFor(() => expect(live.titles).toEqual(['Good']))
    expect(live.stream.skipped()).toBe(2)
    expect(live.activity.filter((a) => a.type === 'skipped')).toEqual([
      { type: 'skipped', path: '/posts/stream', count: 1 },
      { type: 'skipped', path: '/posts/stream', count: 2 },
    ])
    live.stop()
  })

  it('backs off while the server is away (1 s, 2 s, …) and connects when it is back', async () => {
    const time = manualTimers()
    const t = createTestClient()
    await t.signIn()
    await mockControl.failNext('stream', 500, 2)
    const live = open(t, { timers: time.timers })
    await vi.waitFor(() => expect(live.activity.filter((a) => a.type === 'waiting')).toEqual([{ type: 'waiting', path: '/posts/stream', delayMs: 1000, status: 500 }]))
    time.advance(999)
    expect(live.stream.status()).toBe('waiting')
    time.advance(1)
    await vi.waitFor(() => expect(live.activity.filter((a) => a.type === 'waiting').map((a) => a.type === 'waiting' && a.delayMs)).toEqual([1000, 2000]))
    time.advance(2000)
    await vi.waitFor(() => expect(live.stream.status()).toBe('open'))
    expect((await mockControl.stats()).requestsByEndpoint['posts-stream']).toBe(3)
    live.stop()
  })

  it('auth-expired again on a connection opened with the token already reported expired: backs off (1 s, 2 s, …) instead of reconnecting at once, forever', async () => {
    const time = manualTimers()
    let connects = 0
    // The stream answers 200 and auth-expired to a token the API still takes (the mock's other endpoints are real).
    const fetchStub: typeof fetch = async (input, init) => {
      if (!String(input).endsWith('/posts/stream')) return fetch(input, init)
      connects += 1
      // Past ten connections, a 500: ends the storm of a stream that never waits, so the test fails rather than hangs.
      if (connects > 10) return new Response(null, { status: 500 })
      return new Response('event: auth-expired\ndata: {"reason":"token-expired"}\n\n', { headers: { 'Content-Type': 'text/event-stream' } })
    }
    const t = createTestClient({ fetch: fetchStub })
    await t.signIn()
    const live = open(t, { timers: time.timers })
    const waits = () => live.activity.flatMap((a) => (a.type === 'waiting' ? [a.delayMs] : []))

    // The first auth-expired reconnects at once (its 401 would go through the refresh); the second, same token, waits.
    await vi.waitFor(() => expect(waits()).toEqual([1000]))
    expect(connects).toBe(2)
    expect(live.activity.filter((a) => a.type === 'connecting').map((a) => a.type === 'connecting' && a.cause)).toEqual(['start', 'auth-expired'])
    time.advance(1000)
    await vi.waitFor(() => expect(waits()).toEqual([1000, 2000]))
    expect(connects).toBe(3)
    time.advance(2000)
    await vi.waitFor(() => expect(waits()).toEqual([1000, 2000, 4000]))
    expect(connects).toBe(4)
    expect(t.events.filter((event) => event.type === 'refresh-start')).toEqual([])
    live.stop()
  })

  it('reconnects at once when the page wakes up (back online), and closes when the session ends', async () => {
    const t = createTestClient()
    await t.signIn()
    const live = open(t)
    await vi.waitFor(() => expect(live.stream.status()).toBe('open'))
    await t.client.checkSession('online')
    await vi.waitFor(() => expect(live.activity).toContainEqual({ type: 'connecting', path: '/posts/stream', cause: 'wake', wake: 'online' }))
    await vi.waitFor(() => expect(live.stream.status()).toBe('open'))
    await t.client.logout()
    expect(live.stream.status()).toBe('closed')
    expect(live.activity.at(-1)).toEqual({ type: 'closed', path: '/posts/stream', reason: 'session-ended' })
    live.stop()
  })
})

