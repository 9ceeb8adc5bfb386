import { useState } from 'react'
import { FormAlert } from '../../../lib/components/form-alert'
import { TextField } from '../../../lib/components/text-field'
import { describeProblem, type RequestProblem } from '../../../lib/describe-request-error'
import { useFormSubmit } from '../../../lib/use-form-submit'
import { useSessionNoticeActions } from '../../../state'
import type { Post } from '../api/post'
import type { OutboxEntry } from '../outbox/outbox-storage'
import { refusalText } from '../outbox/outbox-provider'
import { useOutbox } from '../outbox/use-outbox'
import { afterSent, loadDraft, sameText, saveDraft, type PostDraft } from '../post-draft-storage'
import { MAX_BODY, MAX_TITLE, validatePost } from '../validate-post'
import { useI18n, type Messages } from '../../../i18n'
import { OutboxList } from './outbox-list'

/** Why a post is in the outbox, in the app's one wording of errors, and whether it goes by itself. */
function keptMessage(problem: RequestProblem, byItself: boolean, t: Messages): string {
  if (problem.kind === 'offline') return t.board.outbox.keptOffline
  const said = describeProblem(problem, { retry: t.board.retryAction, kept: t.board.draftKept }, t)
  return byItself ? `${said} ${t.board.outbox.alsoByItself}` : said
}

class PostNotSent extends Error {
  override readonly name = 'PostNotSent'
  constructor(
    readonly problem: RequestProblem,
    options: ErrorOptions,
  ) {
    super(`The post was not sent (${problem.kind})`, options)
  }
}

/**
 * Writes a post. The draft, and the Idempotency-Key of its submission, are kept in this tab (sessionStorage) until it
 * is posted; a post that cannot reach the server waits in the outbox and is sent by itself, once.
 */
export function PostForm({ userId, onCreated }: { userId: string; onCreated: (post: Post) => void }) {
  const { t, locale } = useI18n()
  const notices = useSessionNoticeActions()
  const [draft, setDraft] = useState<PostDraft>(() => loadDraft(sessionStorage, userId))
  const [posted, setPosted] = useState(false)
  const [kept, setKept] = useState<string | null>(null)

  function keep(next: PostDraft) {
    setDraft(next)
    saveDraft(sessionStorage, userId, next)
  }

  function change(field: 'title' | 'body', value: string) {
    // New text is a new post: the key of the last submission stays with the text it was made for.
    keep({ title: draft.title, body: draft.body, [field]: value })
    setPosted(false)
    outbox.acknowledgeRefusal()
  }

  function sent(post: Post, entry: OutboxEntry) {
    // Only what was sent is cleared: anything newer in the fields stays (and stays saved). A refused post's text that
    // was set aside comes back once the fields are empty.
    setDraft((current) => (sameText(current, entry) ? afterSent(sessionStorage, userId, entry) : current))
    setKept(null)
    setPosted(true)
    onCreated(post)
  }

  function dropped(entry: OutboxEntry) {
    // The server refused a queued post: its text comes back to the form when the form is empty, so nothing is lost
    // (the outbox saved it; the refusal is said below until the person acts).
    setDraft((current) => (current.title || current.body ? current : { title: entry.title, body: entry.body }))
    setKept(null) // it is no longer kept: the refusal says what became of it
  }

  const outbox = useOutbox({ listener: { sent, dropped } })
  const refused = outbox.refusal && refusalText(outbox.refusal, t)

  const { formRef, errors, serverError, pending, handleSubmit } = useFormSubmit({
    validate: () => validatePost(draft, t.validation, locale),
    submit: async () => {
      setKept(null)
      outbox.acknowledgeRefusal()
      // The key is made once per text and saved with the draft before anything is sent: a reload, a retry or a
      // second click sends the same key, and the server makes one post.
      const submission = draft.key ? draft : { ...draft, key: crypto.randomUUID() }
      if (submission !== draft) keep(submission)
      const result = await outbox.send({ key: submission.key!, title: submission.title, body: submission.body })
      if (result.outcome === 'kept') setKept(keptMessage(result.problem, result.retrying, t))
      if (result.outcome === 'failed') {
        if (result.problem.kind === 'session-ended') notices.postKept()
        throw new PostNotSent(result.problem, { cause: result.error })
      }
    },
    describeError: (error) => {
      const problem = error instanceof PostNotSent ? error.problem : ({ kind: 'other' } as const)
      // The route takes the person to the login page, which says the post was kept.
      if (problem.kind === 'session-ended') return null
      return describeProblem(problem, { retry: t.board.retryAction, kept: t.board.draftKept }, t)
    },
  })

  return (
    <>
      <form ref={formRef} className="form" noValidate onSubmit={handleSubmit} aria-labelledby="new-post-heading" aria-busy={pending}>
        <h2 id="new-post-heading">{t.board.writePost}</h2>
        <FormAlert message={serverError ?? kept ?? refused} />
        <TextField id="post-title" label={t.board.postTitle} readOnly={pending} maxLength={MAX_TITLE} value={draft.title} onChange={(v) => change('title', v)} error={errors.title} />
        <TextField id="post-body" label={t.board.postText} multiline readOnly={pending} maxLength={MAX_BODY} value={draft.body} onChange={(v) => change('body', v)} error={errors.body} />
        <button type="submit" className="button-primary" aria-disabled={pending || undefined}>
          {pending ? t.board.posting : t.board.post}
        </button>
        <p role="status" className="form-status">
          {posted ? t.board.posted : ''}
        </p>
      </form>
      <OutboxList items={outbox.items} onSendNow={(item) => void outbox.send(item)} />
    </>
  )
}
