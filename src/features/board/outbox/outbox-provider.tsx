import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useAuthClient } from '../../../lib/auth'
import type { Messages } from '../../../i18n'
import { classifyRequestError, describeProblem, type RequestProblem } from '../../../lib/describe-request-error'
import { useSession, useSessionNoticeActions } from '../../../state'
import { createPost } from '../api/create-post'
import { afterSent, discardDrafts, giveBack } from '../post-draft-storage'
import { createOutbox, type Outbox } from './outbox'

/** The last queued post the server refused, until the person has seen it on the board (or acts there). */
export interface OutboxRefusal {
  title: string
  problem: RequestProblem
  /** Its text is back in the form (`false`: set aside until the form is empty, then back in it). */
  backInForm: boolean
}

/** The refusal in words: why, and where its text is. */
export function refusalText(refusal: OutboxRefusal, t: Messages): string {
  const why = describeProblem(refusal.problem, {}, t)
  return refusal.backInForm ? t.board.outbox.refused(refusal.title, why) : t.board.outbox.refusedSetAside(refusal.title, why)
}

interface OutboxContextValue {
  outbox: Outbox | null
  refusal: OutboxRefusal | null
  acknowledgeRefusal(): void
}

const OutboxContext = createContext<OutboxContextValue>({ outbox: null, refusal: null, acknowledgeRefusal: () => {} })

/**
 * The signed-in person's outbox for this tab, alive on every page of the app: a post that waits is sent by itself
 * wherever the person is when the connection or the server comes back, not only while the board is open.
 */
export function OutboxProvider({ children }: { children: ReactNode }) {
  const client = useAuthClient()
  const { user, online, endReason } = useSession()
  const notices = useSessionNoticeActions()
  const userId = user?.id ?? null
  const outbox = useMemo(
    () =>
      userId === null
        ? null
        : createOutbox({ storage: sessionStorage, userId, post: (entry) => createPost(client.http, entry, entry.key), classify: classifyRequestError }),
    [client, userId],
  )
  // What the person wrote is theirs until they sign out: a session that ends by itself (refused, key lost) keeps the
  // draft and the waiting posts for after the next login; an explicit sign-out (here or in another tab) deletes them.
  const last = useRef<{ userId: string; outbox: Outbox } | null>(null)
  useEffect(() => {
    if (outbox && userId !== null) last.current = { userId, outbox }
    else if (userId === null && endReason === 'logout' && last.current) {
      const waited = last.current.outbox.items().length > 0
      last.current.outbox.discard()
      if (discardDrafts(sessionStorage, last.current.userId) || waited) notices.draftsDiscarded()
      last.current = null
    }
  }, [outbox, userId, endReason, notices])
  const [refusal, setRefusal] = useState<OutboxRefusal | null>(null)
  useEffect(() => outbox?.setOnline(online), [outbox, online])
  useEffect(() => () => outbox?.stop(), [outbox])
  // The saved draft follows the outbox whether the form is open or not: a post sent clears the draft it was made
  // from (never newer text); a queued post the server refused goes back to the draft when the draft is empty, else
  // is set aside until it is (after the next post); either way it says so (on the board's form, or in the header).
  useEffect(
    () =>
      outbox && userId !== null
        ? outbox.subscribe({
            sent: (_post, entry) => void afterSent(sessionStorage, userId, entry),
            dropped(entry, problem) {
              setRefusal({ title: entry.title, problem, backInForm: giveBack(sessionStorage, userId, entry) })
            },
          })
        : undefined,
    [outbox, userId],
  )
  const acknowledgeRefusal = useCallback(() => setRefusal(null), [])
  const value = useMemo(() => ({ outbox, refusal, acknowledgeRefusal }), [outbox, refusal, acknowledgeRefusal])
  return <OutboxContext.Provider value={value}>{children}</OutboxContext.Provider>
}

/** The outbox of `OutboxProvider` (null while no one is signed in), and the refusal it has to tell. */
export function useOutboxContext(): OutboxContextValue {
  return useContext(OutboxContext)
}
