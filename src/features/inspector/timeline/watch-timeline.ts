import { getAdapter, isAxiosError, isCancel, type InternalAxiosRequestConfig } from 'axios'
import type { AuthClient, AuthEvent } from 'silent-refresh'
import { watchLiveStreams, type LiveStreamActivity } from '../../../lib/live-stream'

/** One line of the timeline: a request on the wire, its answer, or one of the client's events. */
export type TimelineEntry = { id: number; at: number } & (
  | { kind: 'request'; method: string; path: string; replay: boolean }
  | { kind: 'answer'; method: string; path: string; status: number | null; expiredToken: boolean; canceled: boolean; replay: boolean }
  | { kind: 'event'; event: AuthEvent }
  /** A live stream (fetch-streamed server-sent events): connects, opens, the server's auth-expired, waits, skips, closes. */
  | { kind: 'stream'; activity: LiveStreamActivity }
)

type Line = TimelineEntry extends infer E ? (E extends TimelineEntry ? Omit<E, 'id' | 'at'> : never) : never

/** The core marks a replay after a 401 with this key on the request's config (silent-refresh: core/request.ts, `REPLAYED`). */
const REPLAY_MARK = 'silentRefreshReplayed'

function pathOf(config: InternalAxiosRequestConfig): string {
  const url = config.url ?? ''
  if (/^https?:/.test(url)) return new URL(url).pathname
  return `${config.baseURL ?? ''}${url}`.replace(/\/{2,}/g, '/')
}

/**
 * Follows what the app's client does, in order: every request of `client.http` as it goes on the wire (the adapter
 * sees the 401s that the interceptors then answer with a replay), every event of the client (refreshes, retries,
 * session starts and ends, wake-ups, other tabs' messages), and what its live streams do (connects, re-auths). Returns the function that stops. Mock mode only: the
 * inspector that calls it is not in the production build.
 */
export function watchTimeline(client: AuthClient, record: (line: Line) => void): () => void {
  const { http } = client
  const original = http.defaults.adapter
  const send = getAdapter(original)
  http.defaults.adapter = async (config) => {
    const line = { method: (config.method ?? 'get').toUpperCase(), path: pathOf(config), replay: (config as unknown as Record<string, unknown>)[REPLAY_MARK] === true }
    record({ kind: 'request', ...line })
    try {
      const response = await send(config)
      record({ kind: 'answer', ...line, status: response.status, expiredToken: false, canceled: false })
      return response
    } catch (error) {
      const status = isAxiosError(error) ? (error.response?.status ?? null) : null
      const challenge = isAxiosError(error) ? String(error.response?.headers?.['www-authenticate'] ?? '') : ''
      record({ kind: 'answer', ...line, status, expiredToken: status === 401 && challenge.includes('invalid_token'), canceled: isCancel(error) })
      throw error
    }
  }
  const stopEvents = client.onEvent((event) => record({ kind: 'event', event }))
  const stopStreams = watchLiveStreams(client, (activity) => record({ kind: 'stream', activity }))
  return () => {
    stopEvents()
    stopStreams()
    if (http.defaults.adapter !== original) http.defaults.adapter = original
  }
}
