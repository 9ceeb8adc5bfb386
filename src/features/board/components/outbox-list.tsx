import { useI18n, type Messages } from '../../../i18n'
import { describeProblem } from '../../../lib/describe-request-error'
import { formatWait } from '../../../lib/format-wait'
import type { OutboxItem, OutboxStatus } from '../outbox/outbox'

/** Where a waiting post stands, in words: the one wording of it (the list, and the form's status after Post). */
export function statusText(status: OutboxStatus, t: Messages): string {
  const words = t.board.outbox
  switch (status.state) {
    case 'queued':
      return words.queued
    case 'sending':
      return words.sending
    case 'waiting-online':
      return words.waitingOnline
    case 'retrying': {
      const wait = formatWait(status.delayMs / 1000, t.wait)
      if (status.problem.kind === 'rate-limited') return words.rateLimited(wait)
      return status.problem.kind === 'server-trouble' ? words.serverTrouble(wait) : words.unreachable(wait)
    }
    case 'stopped':
      if (status.problem.kind === 'session-ended') return words.afterLogin
      // A wait longer than the outbox waits by itself: the server's own wait, in words.
      return status.problem.kind === 'rate-limited' ? describeProblem(status.problem, {}, t) : words.stopped
  }
}

export interface OutboxListProps {
  items: readonly OutboxItem[]
  onSendNow(item: OutboxItem): void
  /** Back into the form, to be changed and posted (still once). */
  onEdit(item: OutboxItem): void
  /** Out of the list: never sent. */
  onRemove(item: OutboxItem): void
}

/** Posts sent but not confirmed by the server, with where each stands; each can be sent now, edited or removed. */
export function OutboxList({ items, onSendNow, onEdit, onRemove }: OutboxListProps) {
  const { t } = useI18n()
  if (items.length === 0) return null
  return (
    <section aria-labelledby="outbox-heading" className="outbox">
      <h3 id="outbox-heading">{t.board.outbox.heading}</h3>
      <ul aria-labelledby="outbox-heading">
        {items.map((item) => (
          <li key={item.key} className="outbox-item">
            <strong id={`outbox-${item.key}`}>{item.title}</strong> <span>{statusText(item.status, t)}</span>
            {item.status.state !== 'sending' && (
              <span className="outbox-actions">
                {(item.status.state === 'stopped' || item.status.state === 'retrying') && (
                  <button type="button" aria-describedby={`outbox-${item.key}`} onClick={() => onSendNow(item)}>
                    {t.board.outbox.sendNow}
                  </button>
                )}
                <button type="button" aria-describedby={`outbox-${item.key}`} onClick={() => onEdit(item)}>
                  {t.board.outbox.edit}
                </button>
                <button type="button" aria-describedby={`outbox-${item.key}`} onClick={() => onRemove(item)}>
                  {t.board.outbox.remove}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
