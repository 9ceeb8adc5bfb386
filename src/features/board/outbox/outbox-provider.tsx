import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { useAuthClient } from '../../../lib/auth'
import { classifyRequestError, type RequestProblem } from '../../../lib/describe-request-error'
import { useSession } from '../../../state'
import { createPost } from '../api/create-post'
import { EMPTY_DRAFT, loadDraft, sameText, saveDraft } from '../post-draft-storage'
import { createOutbox, type Outbox } from './outbox'

/** The last queued post the server refused, until the person has seen it on the board (or acts there). */
export interface OutboxRefusal {
  title: string
  problem: RequestProblem
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
  const { user, online } = useSession()
  const userId = user?.id ?? null
  const outbox = useMemo(
    () =>
      userId === null
        ? null
        : createOutbox({ storage: sessionStorage, userId, post: (entry) => createPost(client.http, entry, entry.key), classify: classifyRequestError }),
    [client, userId],
  )
  const [refusal, setRefusal] = useState<OutboxRefusal | null>(null)
  useEffect(() => outbox?.setOnline(online), [outbox, online])
  useEffect(() => () => outbox?.stop(), [outbox])
  // The saved draft follows the outbox whether the form is open or not: a post sent clears the draft it was made
  // from (never newer text); a queued post the server refused goes back to the draft when the draft is empty,
  // and says so (on the board's form, or in the header elsewhere).
  useEffect(
    () =>
      outbox && userId !== null
        ? outbox.subscribe({
            sent(_post, entry) {
              if (sameText(loadDraft(sessionStorage, userId), entry)) saveDraft(sessionStorage, userId, EMPTY_DRAFT)
            },
            dropped(entry, problem) {
              const draft = loadDraft(sessionStorage, userId)
              if (!draft.title && !draft.body) saveDraft(sessionStorage, userId, { title: entry.title, body: entry.body })
              setRefusal({ title: entry.title, problem })
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
