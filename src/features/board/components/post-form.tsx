import { useRef, useState } from 'react'
import { useAuthClient } from '../../../lib/auth'
import { FormAlert } from '../../../lib/components/form-alert'
import { TextField } from '../../../lib/components/text-field'
import { classifyRequestError, describeProblem } from '../../../lib/describe-request-error'
import { useFormSubmit } from '../../../lib/use-form-submit'
import { createPost } from '../api/create-post'
import type { Post } from '../api/post'
import { clearDraft, EMPTY_DRAFT, loadDraft, saveDraft, type PostDraft } from '../post-draft-storage'
import { MAX_BODY, MAX_TITLE, validatePost } from '../validate-post'
import { useI18n, type Messages } from '../../../i18n'

function submitError(error: unknown, t: Messages): string | null {
  const problem = classifyRequestError(error)
  // The route takes the person to the login page; the draft is saved.
  if (problem.kind === 'session-ended') return null
  return describeProblem(problem, { retry: t.board.retryAction, kept: t.board.draftKept }, t)
}

const sameDraft = (a: PostDraft, b: PostDraft) => a.title === b.title && a.body === b.body

/** Writes a post. The draft is kept in this tab (sessionStorage) until it is posted. */
export function PostForm({ userId, onCreated }: { userId: string; onCreated: (post: Post) => void }) {
  const client = useAuthClient()
  const { t, locale } = useI18n()
  const [draft, setDraft] = useState<PostDraft>(() => loadDraft(sessionStorage, userId))
  const [posted, setPosted] = useState(false)
  // One Idempotency-Key per submission: sending the same draft again is a retry and reuses it.
  const submission = useRef<{ key: string; draft: string } | null>(null)

  function change(field: keyof PostDraft, value: string) {
    const next = { ...draft, [field]: value }
    setDraft(next)
    setPosted(false)
    saveDraft(sessionStorage, userId, next)
  }

  function idempotencyKeyFor(current: PostDraft): string {
    const signature = JSON.stringify([current.title, current.body])
    if (submission.current?.draft !== signature) submission.current = { key: crypto.randomUUID(), draft: signature }
    return submission.current.key
  }

  const { formRef, errors, serverError, pending, handleSubmit } = useFormSubmit({
    validate: () => validatePost(draft, t.validation, locale),
    submit: async () => {
      const sent = draft
      const post = await createPost(client.http, sent, idempotencyKeyFor(sent))
      submission.current = null
      // Only what was sent is cleared: anything newer in the fields stays (and stays saved).
      setDraft((current) => {
        if (!sameDraft(current, sent)) return current
        clearDraft(sessionStorage, userId)
        return EMPTY_DRAFT
      })
      setPosted(true)
      onCreated(post)
    },
    describeError: (error) => submitError(error, t),
  })

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit} aria-labelledby="new-post-heading" aria-busy={pending}>
      <h2 id="new-post-heading">{t.board.writePost}</h2>
      <FormAlert message={serverError} />
      <TextField id="post-title" label={t.board.postTitle} readOnly={pending} maxLength={MAX_TITLE} value={draft.title} onChange={(v) => change('title', v)} error={errors.title} />
      <TextField id="post-body" label={t.board.postText} multiline readOnly={pending} maxLength={MAX_BODY} value={draft.body} onChange={(v) => change('body', v)} error={errors.body} />
      <button type="submit" className="button-primary" aria-disabled={pending || undefined}>
        {pending ? t.board.posting : t.board.post}
      </button>
      <p role="status" className="form-status">
        {posted ? t.board.posted : ''}
      </p>
    </form>
  )
}
