import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react'
import type { Outbox, OutboxItem, OutboxListener } from './outbox'
import { useOutboxContext } from './outbox-provider'

export interface UseOutboxOptions {
  /** Told when a post reached the server, or a queued one was refused, while the caller is mounted. */
  listener: Pick<OutboxListener, 'sent' | 'dropped'>
}

/** The app's outbox (`OutboxProvider`) for a form: its items as React state, and `send`. */
export function useOutbox({ listener }: UseOutboxOptions): { items: readonly OutboxItem[]; send: Outbox['send'] } {
  const outbox = useOutboxContext()
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
  return { items, send: outbox.send }
}
