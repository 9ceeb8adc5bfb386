import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react'
import type { Outbox, OutboxItem, OutboxListener } from './outbox'
import { useOutboxContext, type OutboxRefusal } from './outbox-provider'

export interface UseOutboxOptions {
  /** Told when a post reached the server, or a queued one was refused, while the caller is mounted (the refusal
   * itself stays in `refusal` until acknowledged). */
  listener: Pick<OutboxListener, 'sent' | 'dropped'>
}

/** The app's outbox (`OutboxProvider`) for a form: its items as React state, and `send`. */
export function useOutbox({ listener }: UseOutboxOptions): {
  items: readonly OutboxItem[]
  send: Outbox['send']
  take: Outbox['take']
  refusal: OutboxRefusal | null
  acknowledgeRefusal(): void
} {
  const { outbox, refusal, acknowledgeRefusal } = useOutboxContext()
  if (!outbox) throw new Error('useOutbox needs a signed-in OutboxProvider above it (the layout has one)')
  const subscribe = useCallback((onChange: () => void) => outbox.subscribe({ changed: onChange }), [outbox])
  const items = useSyncExternalStore(subscribe, outbox.items)
  const latest = useRef(listener)
  useEffect(() => {
    latest.current = listener
  })
  useEffect(
    () =>
      outbox.subscribe({
        sent: (post, entry) => latest.current.sent?.(post, entry),
        dropped: (entry, problem) => latest.current.dropped?.(entry, problem),
      }),
    [outbox],
  )
  return { items, send: outbox.send, take: outbox.take, refusal, acknowledgeRefusal }
}
