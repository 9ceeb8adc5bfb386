import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react'
import { useAuthClient } from '../../../lib/auth'
import { classifyRequestError } from '../../../lib/describe-request-error'
import { useSession } from '../../../state'
import { createPost } from '../api/create-post'
import { EMPTY_DRAFT, loadDraft, sameText, saveDraft } from '../post-draft-storage'
import { createOutbox, type Outbox } from './outbox'

const OutboxContext = createContext<Outbox | null>(null)

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
  useEffect(() => outbox?.setOnline(online), [outbox, online])
  useEffect(() => () => outbox?.stop(), [outbox])
  // The saved draft follows the outbox whether the form is open or not: a post sent clears the draft it was made
  // from (never newer text); a queued post the server refused goes back to the draft when the draft is empty.
  useEffect(
    () =>
      outbox && userId !== null
        ? outbox.subscribe({
            sent(_post, entry) {
              if (sameText(loadDraft(sessionStorage, userId), entry)) saveDraft(sessionStorage, userId, EMPTY_DRAFT)
            },
            dropped(entry) {
              const draft = loadDraft(sessionStorage, userId)
              if (!draft.title && !draft.body) saveDraft(sessionStorage, userId, { title: entry.title, body: entry.body })
            },
          })
        : undefined,
    [outbox, userId],
  )
  return <OutboxContext.Provider value={outbox}>{children}</OutboxContext.Provider>
}

/** The outbox of `OutboxProvider` (null while no one is signed in). */
export function useOutboxContext(): Outbox | null {
  return useContext(OutboxContext)
}
