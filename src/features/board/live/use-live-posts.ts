import { useEffect, useRef, useState } from 'react'
import { useAuthClient } from '../../../lib/auth'
import { openLiveStream, type LiveStreamStatus } from '../../../lib/live-stream'
import type { Post } from '../api/post'
import { readPostEvent } from './read-post-event'

/**
 * New posts as they are made, from `GET /api/posts/stream` (server-sent events read with `fetch`, so the access
 * token and its DPoP proof go with it), once `since` is known: the id of the newest post the page has (the stream
 * resumes after it, so nothing made meanwhile is missed). `null` waits (the list is still loading). Returns the
 * stream's status; the stream closes when the page goes.
 */
export function useLivePosts(since: string | null | undefined, onPost: (post: Post) => void): LiveStreamStatus | null {
  const client = useAuthClient()
  const [status, setStatus] = useState<LiveStreamStatus | null>(null)
  const onPostRef = useRef(onPost)
  const sinceRef = useRef(since)
  useEffect(() => {
    onPostRef.current = onPost
    sinceRef.current = since
  })
  const ready = since !== null
  useEffect(() => {
    if (!ready) return
    const stream = openLiveStream(client, {
      path: '/posts/stream',
      read: readPostEvent,
      onMessage: (post) => onPostRef.current(post),
      onStatus: setStatus,
      ...(sinceRef.current ? { lastEventId: sinceRef.current } : {}),
    })
    return () => stream.close()
  }, [client, ready])
  return status
}
