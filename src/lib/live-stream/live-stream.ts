import { NotAuthenticatedError, SessionExpiredError, type AuthClient, type Timers, type WakeTrigger } from 'silent-refresh'
import { createEventStreamParser, type ServerSentEvent } from './event-stream-parser'

/** Why the stream (re)connects. */
export type ConnectCause = 'start' | 'token-change' | 'auth-expired' | 'wake' | 'retry'

/** What a live stream did, for the session inspector's timeline (and tests). */
export type LiveStreamActivity =
  | { type: 'connecting'; path: string; cause: ConnectCause; wake?: WakeTrigger }
  | { type: 'open'; path: string }
  /** The server ended the stream because its token expired or its login ended: the reconnect goes through the client's refresh. */
  | { type: 'auth-expired'; path: string; reason: string }
  /** Could not connect (or the connection dropped): the next try in `delayMs`. */
  | { type: 'waiting'; path: string; delayMs: number; status: number | null }
  /** A message that was not well-formed: skipped (never shown); `count` so far on this stream. */
  | { type: 'skipped'; path: string; count: number }
  | { type: 'closed'; path: string; reason: 'session-ended' | 'stopped' }

export type LiveStreamStatus = 'connecting' | 'open' | 'waiting' | 'closed'

export interface LiveStreamOptions<T> {
  /** Under the client's `baseURL`, e.g. `/posts/stream`. */
  path: string
  /**
   * Reads one event's data: return the value to deliver, or `undefined` for a message that is not well-formed
   * (skipped and counted, never delivered). Events other than `post`-like data events are the stream's own.
   */
  read(event: ServerSentEvent): T | undefined
  onMessage(value: T): void
  onStatus?(status: LiveStreamStatus): void
  /** Where reconnections resume: the id of the newest item the page already has (sent as `Last-Event-ID`). */
  lastEventId?: string
  /** Timers for the backoff (default: the global ones). */
  timers?: Pick<Timers, 'setTimeout' | 'clearTimeout'>
  /** Backoff when the server is away: `baseMs` doubling to `maxMs`. Default 1 s to 30 s. */
  backoff?: { baseMs: number; maxMs: number }
}

export interface LiveStream {
  status(): LiveStreamStatus
  /** Messages skipped as not well-formed, on this stream so far. */
  skipped(): number
  close(): void
}

const activityListeners = new WeakMap<AuthClient, Set<(activity: LiveStreamActivity) => void>>()

/** Every live stream's activity on `client` (the session inspector's timeline). Returns the function that stops. */
export function watchLiveStreams(client: AuthClient, listener: (activity: LiveStreamActivity) => void): () => void {
  const listeners = activityListeners.get(client) ?? new Set()
  activityListeners.set(client, listeners)
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

const globalTimers: Pick<Timers, 'setTimeout' | 'clearTimeout'> = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
}

/**
 * A server-sent event stream that stays authenticated: read with `client.authorizedFetch` (so the `Authorization`
 * and `DPoP` headers go with it, which `EventSource` cannot send), on the client's one refresh. It reconnects with
 * the new token on every token change, at once on every wake-up the client reports (visible again, back online,
 * bfcache, a sleep), and after the server's `auth-expired` event (that reconnect meets the 401 and the client's
 * refresh, never one of its own); `auth-expired` again on a connection opened with the token it was already said of
 * waits instead (the backoff), so a server that keeps saying it cannot make the page reconnect without end; it
 * resumes after the last event id; it backs off (1 s doubling to 30 s) while the server is away; it closes when the
 * session ends. A message `read` cannot read is skipped and counted.
 *
 * @example
 * const stream = openLiveStream(client, { path: '/posts/stream', read: readPost, onMessage: addPost })
 * // later
 * stream.close()
 */
export function openLiveStream<T>(client: AuthClient, options: LiveStreamOptions<T>): LiveStream {
  const { path } = options
  const timers = options.timers ?? globalTimers
  const backoff = options.backoff ?? { baseMs: 1000, maxMs: 30_000 }
  let status: LiveStreamStatus = 'connecting'
  let lastEventId = options.lastEventId ?? ''
  let skipped = 0
  let failures = 0
  let serverRetryMs: number | null = null
  let attempt: AbortController | null = null
  let retryTimer: unknown = null
  /** The token (its `tokenVersion`) the server last said was expired: a connection opened with it again is no success. */
  let expiredToken: number | null = null

  const tell = (activity: LiveStreamActivity) => {
    for (const listener of activityListeners.get(client) ?? []) listener(activity)
  }
  const setStatus = (next: LiveStreamStatus) => {
    if (status === next) return
    status = next
    options.onStatus?.(next)
  }

  function stop(reason: 'session-ended' | 'stopped'): void {
    if (status === 'closed') return
    attempt?.abort()
    attempt = null
    if (retryTimer !== null) timers.clearTimeout(retryTimer)
    retryTimer = null
    setStatus('closed')
    unsubscribe()
    tell({ type: 'closed', path, reason })
  }

  function retryLater(statusCode: number | null, delayMs?: number): void {
    failures += 1
    const delay = delayMs ?? Math.min(backoff.maxMs, backoff.baseMs * 2 ** (failures - 1))
    setStatus('waiting')
    tell({ type: 'waiting', path, delayMs: delay, status: statusCode })
    retryTimer = timers.setTimeout(() => {
      retryTimer = null
      connect('retry')
    }, delay)
  }

  function connect(cause: ConnectCause, wake?: WakeTrigger): void {
    if (status === 'closed') return
    attempt?.abort()
    if (retryTimer !== null) timers.clearTimeout(retryTimer)
    retryTimer = null
    const controller = new AbortController()
    attempt = controller
    setStatus('connecting')
    tell({ type: 'connecting', path, cause, ...(wake ? { wake } : {}) })
    void run(controller)
  }

  async function run(controller: AbortController): Promise<void> {
    const { signal } = controller
    let response: Response
    try {
      const headers: Record<string, string> = { Accept: 'text/event-stream' }
      if (lastEventId) headers['Last-Event-ID'] = lastEventId
      response = await client.authorizedFetch(path, { headers, signal, cache: 'no-store' })
    } catch (error) {
      if (signal.aborted) return
      if (error instanceof SessionExpiredError || error instanceof NotAuthenticatedError) return stop('session-ended')
      return retryLater(null)
    }
    if (signal.aborted) return void response.body?.cancel().catch(() => undefined)
    if (!response.ok || !response.body || !/^text\/event-stream\b/i.test(response.headers.get('content-type') ?? '')) {
      void response.body?.cancel().catch(() => undefined)
      return retryLater(response.status)
    }
    const openedWith = client.getSnapshot().tokenVersion
    // A connection opened with the token the server already said was expired is not a recovery: the backoff goes on.
    if (openedWith !== expiredToken) failures = 0
    setStatus('open')
    tell({ type: 'open', path })

    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
    // A fetch body does not always end when its signal aborts (a mocked one may not): cancel the reader too.
    const onAbort = () => void reader.cancel().catch(() => undefined)
    signal.addEventListener('abort', onAbort, { once: true })
    let authExpired: string | null = null
    const parser = createEventStreamParser(
      (event) => {
        if (event.event === 'auth-expired') {
          authExpired = readReason(event.data)
          return
        }
        if (event.event === 'ready') return
        const value = options.read(event)
        if (value === undefined) {
          skipped += 1
          tell({ type: 'skipped', path, count: skipped })
          return
        }
        if (event.lastEventId) lastEventId = event.lastEventId
        options.onMessage(value)
      },
      (ms) => (serverRetryMs = ms),
    )
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (signal.aborted) return
        if (done) break
        parser.push(value)
        if (authExpired !== null) break
      }
    } catch {
      if (signal.aborted) return
      return retryLater(null)
    } finally {
      signal.removeEventListener('abort', onAbort)
    }
    void reader.cancel().catch(() => undefined)
    if (attempt !== controller) return
    if (authExpired !== null) {
      tell({ type: 'auth-expired', path, reason: authExpired })
      // Again for the token already reported expired (the API still takes it, so no 401 and no refresh came between,
      // or the server is wrong): waiting (1 s doubling to 30 s), not reconnecting at once, forever.
      if (openedWith === expiredToken) return retryLater(null)
      expiredToken = openedWith
      // At once: the reconnect's 401 goes through the client's refresh (one for the whole page).
      return connect('auth-expired')
    }
    // The server closed the stream by itself: come back after its `retry:` time.
    retryLater(null, serverRetryMs ?? backoff.baseMs)
  }

  const stopTokens = client.onTokenChange((token) => {
    if (token === null) stop('session-ended')
    else connect('token-change')
  })
  const stopEvents = client.onEvent((event) => {
    if (event.type === 'wake' && event.trigger !== 'pageshow') {
      failures = 0
      connect('wake', event.trigger)
    }
    if (event.type === 'session-end') stop('session-ended')
  })
  function unsubscribe() {
    stopTokens()
    stopEvents()
  }

  connect('start')
  return {
    status: () => status,
    skipped: () => skipped,
    close: () => stop('stopped'),
  }
}

function readReason(data: string): string {
  try {
    const parsed: unknown = JSON.parse(data)
    const reason = typeof parsed === 'object' && parsed !== null ? (parsed as { reason?: unknown }).reason : undefined
    return typeof reason === 'string' ? reason : 'unknown'
  } catch {
    return 'unknown'
  }
}
