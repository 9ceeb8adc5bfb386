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
import { afterSent, EMPTY_DRAFT, isEmpty, loadDraft, sameText, saveDraft, setAside, type PostDraft } from '../post-draft-storage'
import { MAX_BODY, MAX_TITLE, validatePost } from '../validate-post'
import { useI18n } from '../../../i18n'
import { OutboxList, statusText } from './outbox-list'

class PostNotSent extends Error {
  override readonly name = 'PostNotSent'
  constructor(
    readonly problem: RequestProblem,
    options: ErrorOptions,
  ) {
    super(`The post was not sent (${problem.kind})`, options)
  }
}

/** What the form's polite status says: a post sent, one put in the waiting list, or one taken out of it. */
type FormStatus = { kind: 'posted' } | { kind: 'kept'; key: string } | { kind: 'removed'; title: string } | null

const focusTitle = () => document.getElementById('post-title')?.focus()

/**
 * Writes a post. The draft, and the Idempotency-Key of its submission, are kept in this tab (sessionStorage) until it
 * is posted; a post that cannot reach the server goes to the waiting list (the outbox), where it can be edited or
 * removed, and is sent by itself, once; the form is then empty for the next one.
 */
export function PostForm({ userId, onCreated }: { userId: string; onCreated: (post: Post) => void }) {
  const { t } = useI18n()
  const notices = useSessionNoticeActions()
  const [draft, setDraft] = useState<PostDraft>(() => loadDraft(sessionStorage, userId))
  const [status, setStatus] = useState<FormStatus>(null)

  function keep(next: PostDraft) {
    setDraft(next)
    saveDraft(sessionStorage, userId, next)
  }

  function change(field: 'title' | 'body', value: string) {
    // New text is a new post: the key of the last submission stays with the text it was made for (a waiting post
    // taken back to be edited keeps its key: it is still that one post).
    const pinned = draft.pinned && draft.key ? { key: draft.key, pinned: true } : {}
    keep({ title: draft.title, body: draft.body, ...pinned, [field]: value })
    setStatus(null)
    outbox.acknowledgeRefusal()
  }

  function sent(post: Post, entry: OutboxEntry) {
    // Only what was sent is cleared: anything newer in the fields stays (and stays saved). A refused post's text that
    // was set aside comes back once the fields are empty.
    setDraft((current) => (sameText(current, entry) || isEmpty(current) ? afterSent(sessionStorage, userId, entry) : current))
    setStatus({ kind: 'posted' })
    onCreated(post)
  }

  function dropped(entry: OutboxEntry) {
    // The server refused a queued post: its text comes back to the form when the form is empty, so nothing is lost
    // (the outbox saved it; the refusal is said below until the person acts).
    setDraft((current) => (current.title || current.body ? current : { title: entry.title, body: entry.body }))
    setStatus(null) // it is no longer waiting: the refusal says what became of it
  }

  const outbox = useOutbox({ listener: { sent, dropped } })
  const refused = outbox.refusal && refusalText(outbox.refusal, t)

  /** A waiting post back into the form, under its own key; what the form held is set aside until the form is empty. */
  function edit(key: string) {
    const entry = outbox.take(key)
    if (!entry) return
    if (!isEmpty(draft)) setAside(sessionStorage, userId, draft)
    keep({ title: entry.title, body: entry.body, key: entry.key, pinned: true })
    setStatus(null)
    focusTitle()
  }

  function remove(key: string) {
    const entry = outbox.take(key)
    if (!entry) return
    setStatus({ kind: 'removed', title: entry.title })
    focusTitle()
  }

  const { formRef, errors, serverError, pending, handleSubmit } = useFormSubmit({
    validate: () => validatePost(draft),
    submit: async () => {
      setStatus(null)
      outbox.acknowledgeRefusal()
      // The key is made once per text and saved with the draft before anything is sent: a reload, a retry or a
      // second click sends the same key, and the server makes one post.
      const submission = draft.key ? draft : { ...draft, key: crypto.randomUUID() }
      if (submission !== draft) keep(submission)
      const result = await outbox.send({ key: submission.key!, title: submission.title, body: submission.body })
      if (result.outcome === 'kept') {
        // It waits in the list (where it can be edited or removed), not in the form: the form is for the next post.
        keep(EMPTY_DRAFT)
        setStatus({ kind: 'kept', key: submission.key! })
      }
      if (result.outcome === 'failed') {
        if (result.problem.kind === 'session-ended') notices.postKept()
        throw new PostNotSent(result.problem, { cause: result.error })
      }
    },
    describeError: (error) => {
      const problem = error instanceof PostNotSent ? error.problem : ({ kind: 'other' } as const)
      // The route takes the person to the login page, which says the post was kept.
      if (problem.kind === 'session-ended') return null
      return (t) => describeProblem(problem, { retry: t.board.retryAction, kept: t.board.draftKept }, t)
    },
    fields: ['title', 'body'],
  })

  // One source for what a waiting post is told: its item in the list (the same words, the same wait).
  const keptItem = status?.kind === 'kept' ? outbox.items.find((item) => item.key === status.key) : undefined
  const said =
    status?.kind === 'posted'
      ? t.board.posted
      : status?.kind === 'removed'
        ? t.board.outbox.removed(status.title)
        : keptItem
          ? t.board.outbox.kept(statusText(keptItem.status, t))
          : ''

  return (
    <>
      <form ref={formRef} className="form" noValidate onSubmit={handleSubmit} aria-labelledby="new-post-heading" aria-busy={pending}>
        <h2 id="new-post-heading">{t.board.writePost}</h2>
        <FormAlert message={serverError ?? refused} />
        <TextField id="post-title" label={t.board.postTitle} readOnly={pending} maxLength={MAX_TITLE} value={draft.title} onChange={(v) => change('title', v)} error={errors.title} />
        <TextField id="post-body" label={t.board.postText} multiline readOnly={pending} maxLength={MAX_BODY} value={draft.body} onChange={(v) => change('body', v)} error={errors.body} />
        <button type="submit" className="button-primary" aria-disabled={pending || undefined}>
          {pending ? t.board.posting : t.board.post}
        </button>
        <p role="status" className="form-status">
          {said}
        </p>
      </form>
      <OutboxList items={outbox.items} onSendNow={(item) => void outbox.send(item)} onEdit={(item) => edit(item.key)} onRemove={(item) => remove(item.key)} />
    </>
  )
}
