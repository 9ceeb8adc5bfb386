import type { ServerSentEvent } from '../../../lib/live-stream'
import type { Post } from '../api/post'

const isText = (value: unknown): value is string => typeof value === 'string'

/**
 * A `post` event of `GET /api/posts/stream` as a `Post`, or `undefined` when it is not one (another event name,
 * data that is not JSON, a field missing or of another type, a date that does not parse): skipped, never shown.
 */
export function readPostEvent(event: ServerSentEvent): Post | undefined {
  if (event.event !== 'post') return undefined
  let value: unknown
  try {
    value = JSON.parse(event.data)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const post = value as Record<string, unknown>
  const author = post.author as Record<string, unknown> | null | undefined
  const ok =
    isText(post.id) && post.id !== '' && isText(post.title) && isText(post.body) && isText(post.createdAt) && !Number.isNaN(Date.parse(post.createdAt)) &&
    typeof author === 'object' && author !== null && isText(author.id) && isText(author.name)
  if (!ok) return undefined
  return { id: post.id as string, title: post.title as string, body: post.body as string, createdAt: post.createdAt as string, author: { id: author.id as string, name: author.name as string } }
}
