import type { AxiosInstance } from 'axios'
import { useEffect, useRef, useState } from 'react'
import { classifyRequestError } from '../../../lib/describe-request-error'
import { createPost } from '../api/create-post'
import { createOutbox, type Outbox, type OutboxItem, type OutboxListener } from './outbox'

export interface UseOutboxOptions {
  userId: string
  http: AxiosInstance
  /** The session snapshot's `online`. */
  online: boolean
  /** Told when a post reached the server, or a queued one was refused. */
  listener: Pick<OutboxListener, 'sent' | 'dropped'>
}

/** This user's outbox for this tab, its items as React state; sends what waits whenever the page is online. */
export function useOutbox({ userId, http, online, listener }: UseOutboxOptions): { items: readonly OutboxItem[]; send: Outbox['send'] } {
  const [outbox] = useState(() =>
    createOutbox({ storage: sessionStorage, userId, post: (entry) => createPost(http, entry, entry.key), classify: classifyRequestError }),
  )
  const [items, setItems] = useState(outbox.items)
  const latest = useRef(listener)
  useEffect(() => {
    latest.current = listener
  })
  useEffect(
    () =>
      outbox.subscribe({
        changed: setItems,
        sent: (post, entry) => latest.current.sent?.(post, entry),
        dropped: (entry, problem) => latest.current.dropped?.(entry, problem),
      }),
    [outbox],
  )
  useEffect(() => outbox.setOnline(online), [outbox, online])
  useEffect(() => () => outbox.stop(), [outbox])
  return { items, send: outbox.send }
}
