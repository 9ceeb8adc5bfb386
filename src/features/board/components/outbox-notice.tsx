import { useCallback, useSyncExternalStore } from 'react'
import { Link, useLocation } from 'react-router-dom'
import { useI18n } from '../../../i18n'
import { useOutboxContext } from '../outbox/outbox-provider'

const BOARD = '/board'

/**
 * On every page but the board (which lists them): how many posts wait to be sent, that they go by themselves, and a
 * link to them. A polite live region that is always there and takes no room while nothing waits.
 */
export function OutboxNotice() {
  const outbox = useOutboxContext()
  const { pathname } = useLocation()
  const { t } = useI18n()
  const subscribe = useCallback((onChange: () => void) => outbox?.subscribe({ changed: onChange }) ?? (() => undefined), [outbox])
  const waiting = useSyncExternalStore(subscribe, () => outbox?.items().length ?? 0)
  return (
    <div className="outbox-notice" aria-live="polite">
      {waiting > 0 && pathname !== BOARD ? (
        <p>
          {t.board.outbox.waitingElsewhere(waiting)} <Link to={BOARD}>{t.board.outbox.seeOnBoard}</Link>
        </p>
      ) : null}
    </div>
  )
}
