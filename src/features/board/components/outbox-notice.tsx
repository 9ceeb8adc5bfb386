import { useCallback, useSyncExternalStore } from 'react'
import { Link, useLocation } from 'react-router-dom'
import { useI18n } from '../../../i18n'
import { refusalText, useOutboxContext } from '../outbox/outbox-provider'

const BOARD = '/board'

/**
 * On every page but the board (which lists them): how many posts wait to be sent, that they go by themselves, a
 * post the server refused meanwhile (its text is back in the board's form), and a link to the board. A polite live region that is always there and takes no room while nothing waits.
 */
export function OutboxNotice() {
  const { outbox, refusal } = useOutboxContext()
  const { pathname } = useLocation()
  const { t } = useI18n()
  const subscribe = useCallback((onChange: () => void) => outbox?.subscribe({ changed: onChange }) ?? (() => undefined), [outbox])
  // The prerendered HTML (and so the hydrating render) has no outbox: nothing waits there; the real count follows.
  const waiting = useSyncExternalStore(subscribe, () => outbox?.items().length ?? 0, () => 0)
  const elsewhere = pathname !== BOARD
  return (
    <div className="outbox-notice" aria-live="polite">
      {elsewhere && (waiting > 0 || refusal) ? (
        <p>
          {refusal && `${refusalText(refusal, t)} `}
          {waiting > 0 && `${t.board.outbox.waitingElsewhere(waiting)} `}
          <Link to={BOARD}>{t.board.outbox.seeOnBoard}</Link>
        </p>
      ) : null}
    </div>
  )
}
