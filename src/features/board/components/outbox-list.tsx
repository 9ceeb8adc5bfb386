import { useI18n, type Messages } from '../../../i18n'
import { describeProblem } from '../../../lib/describe-request-error'
import { formatWait } from '../../../lib/format-wait'
import type { OutboxItem, OutboxStatus } from '../outbox/outbox'

function statusText(status: OutboxStatus, t: Messages): string {
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

/** Posts sent but not confirmed by the server, with where each stands (the form's alert and status announce changes). */
export function OutboxList({ items, onSendNow }: { items: readonly OutboxItem[]; onSendNow(item: OutboxItem): void }) {
  const { t } = useI18n()
  if (items.length === 0) return null
  return (
    <section aria-labelledby="outbox-heading" className="outbox">
      <h3 id="outbox-heading">{t.board.outbox.heading}</h3>
      <ul aria-labelledby="outbox-heading">
        {items.map((item) => (
          <li key={item.key} className="outbox-item">
            <strong id={`outbox-${item.key}`}>{item.title}</strong> <span>{statusText(item.status, t)}</span>
            {(item.status.state === 'stopped' || item.status.state === 'retrying') && (
              <button type="button" aria-describedby={`outbox-${item.key}`} onClick={() => onSendNow(item)}>
                {t.board.outbox.sendNow}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
