import { http } from 'msw'
import { authenticate, invalidToken } from '../../packages/silent-refresh/src/testing/server/http/authenticate'
import { isFamilyLive } from '../../packages/silent-refresh/src/testing/server/core/sessions'
import type { MockRuntime } from '../../packages/silent-refresh/src/testing/server/core/runtime'
import { apiErrorResponse } from '../../packages/silent-refresh/src/testing/server/http/responses'
import { postJson } from '../../packages/silent-refresh/src/testing/server/http/serialize'
import type { EndpointOptions } from '../../packages/silent-refresh/src/testing/server/http/endpoint'
import type { HandlerDeps } from '../../packages/silent-refresh/src/testing/server/handlers/deps'

const streamEndpoint: EndpointOptions = {
  name: 'posts-stream',
  path: '/api/posts/stream',
  failable: 'stream',
  injected401: () => apiErrorResponse(invalidToken('The access token is refused (injected by failNext)')),
}

/** How often (real time) an open stream looks again: another tab's post (browser mock), a token past its end. */
const CHECK_MS = 1000
/** A comment line this often keeps proxies from closing an idle stream and shows a dead one. */
const KEEP_ALIVE_MS = 15_000
/** What the client waits before reconnecting after the server closed the stream (`retry:`). */
const RETRY_MS = 1000

export type StreamEnd = 'token-expired' | 'session-ended'

/** One server-sent event (WHATWG HTML §9.2 framing): `event`, `id`, and `data` (no newline inside: JSON is one line). */
const sse = (event: string, data: unknown, id?: string) => `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`

/**
 * A live stream of new posts for one access token: `event: post` (the post as `GET /api/posts` shows it, `id:` its
 * id) for every post added after `Last-Event-ID` (or after connecting); `event: auth-expired` with
 * `{ reason: 'token-expired' | 'session-ended' }` and the end of the stream when the token's `exp` passes on the
 * mock clock or its login ends (logout, a device sign-out, reuse); the client reconnects through its refresh.
 */
function postStream(runtime: MockRuntime, options: { sid: string; exp: number; lastEventId: string | null; signal: AbortSignal }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let finish = () => undefined as void
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false
      let since = options.lastEventId
      let sinceKeepAlive = 0
      const send = (text: string) => {
        if (closed) return
        try {
          controller.enqueue(encoder.encode(text))
        } catch {
          finish()
        }
      }
      let checking = Promise.resolve()
      const check = async () => {
        if (closed) return
        const state = await runtime.state()
        const now = runtime.clock.now()
        const family = state.db.findFamily(options.sid)
        if (!family || !isFamilyLive(family, state.config, now)) return end('session-ended')
        if (options.exp * 1000 <= now) return end('token-expired')
        const backlog = since === null ? [] : state.db.postsAddedAfter(since)
        for (const post of backlog) send(sse('post', postJson(post, state.db), post.id))
        since = state.db.lastAddedPostId() ?? since
      }
      const schedule = () => {
        checking = checking.then(check).catch((error: unknown) => {
          console.error('[mock] the post stream failed', error)
          finish()
        })
      }
      const end = (reason: StreamEnd) => {
        send(sse('auth-expired', { reason }))
        finish()
      }
      const timer = setInterval(() => {
        sinceKeepAlive += CHECK_MS
        if (sinceKeepAlive >= KEEP_ALIVE_MS) {
          sinceKeepAlive = 0
          send(': keep-alive\n\n')
        }
        schedule()
      }, CHECK_MS)
      ;(timer as { unref?: () => void }).unref?.()
      const stopWatching = runtime.onChange(schedule)
      const onAbort = () => finish()
      finish = () => {
        if (closed) return
        closed = true
        clearInterval(timer)
        stopWatching()
        options.signal.removeEventListener('abort', onAbort)
        try {
          controller.close()
        } catch {
          // Already cancelled by the reader.
        }
      }
      options.signal.addEventListener('abort', onAbort)
      if (since === null) since = (await runtime.state()).db.lastAddedPostId() ?? null
      send(`retry: ${RETRY_MS}\n\n`)
      send(sse('ready', {}))
      schedule()
    },
    cancel() {
      finish()
    },
  })
}

/** `GET /api/posts/stream`: new posts as server-sent events, for as long as the access token lives. */
export function postStreamHandlers({ endpoint, runtime }: HandlerDeps) {
  return [
    http.get(
      '*/api/posts/stream',
      endpoint(streamEndpoint, async ({ request, state, now }) => {
        const { claims } = await authenticate(request, state, now)
        const stream = postStream(runtime, { sid: claims.sid, exp: claims.exp, lastEventId: request.headers.get('last-event-id'), signal: request.signal })
        return new Response(stream, {
          status: 200,
          headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' },
        })
      }),
    ),
  ]
}
