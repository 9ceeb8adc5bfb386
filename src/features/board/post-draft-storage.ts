/**
 * A post being written. Only what the person typed, and the Idempotency-Key of its submission once they pressed
 * Post (kept with the draft, so a reload or a retry of the same text sends the same key): never a token.
 */
export interface PostDraft {
  title: string
  body: string
  /** Set when the draft was submitted; dropped when its text changes (new text is a new post), unless `pinned`. */
  key?: string
  /**
   * A waiting post taken back to be edited: its key stays whatever the text becomes, so the post is made once (if
   * an earlier send reached the server after all, the server keeps that one and makes no second).
   */
  pinned?: boolean
}

export const EMPTY_DRAFT: PostDraft = { title: '', body: '' }

// One draft per user, so a draft never shows up in someone else's session in this tab. A refused post whose text
// could not go back into the form (it held newer text) is set aside until the form is empty again.
const keyFor = (userId: string, slot: 'draft' | 'set-aside' = 'draft') => `board-${slot}:${userId}`

/** Whether two drafts hold the same text (their keys aside). */
export const sameText = (a: { title: string; body: string }, b: { title: string; body: string }) => a.title === b.title && a.body === b.body

/** The saved draft, or an empty one when there is none or it cannot be read. */
export function loadDraft(storage: Storage, userId: string, slot: 'draft' | 'set-aside' = 'draft'): PostDraft {
  try {
    const raw = storage.getItem(keyFor(userId, slot))
    if (!raw) return EMPTY_DRAFT
    const value: unknown = JSON.parse(raw)
    if (typeof value !== 'object' || value === null) return EMPTY_DRAFT
    const { title, body, key, pinned } = value as Record<string, unknown>
    const draft: PostDraft = { title: typeof title === 'string' ? title : '', body: typeof body === 'string' ? body : '' }
    if (typeof key !== 'string' || key === '') return draft
    return pinned === true ? { ...draft, key, pinned } : { ...draft, key }
  } catch {
    return EMPTY_DRAFT
  }
}

/** Keeps the draft for this tab (sessionStorage); an empty draft removes it. Storage failures are ignored. */
export function saveDraft(storage: Storage, userId: string, draft: PostDraft, slot: 'draft' | 'set-aside' = 'draft'): void {
  try {
    if (!draft.title && !draft.body) storage.removeItem(keyFor(userId, slot))
    else {
      const key = draft.key ? { key: draft.key, ...(draft.pinned ? { pinned: true } : {}) } : {}
      storage.setItem(keyFor(userId, slot), JSON.stringify({ title: draft.title, body: draft.body, ...key }))
    }
  } catch {
    // Full or disabled storage: the draft lives on in the form for as long as the page does.
  }
}

export function clearDraft(storage: Storage, userId: string): void {
  saveDraft(storage, userId, EMPTY_DRAFT)
}

export const isEmpty = (draft: { title: string; body: string }) => !draft.title && !draft.body

/** Keeps text for later in the one set-aside slot (joined to what is already there, never replacing it). */
export function setAside(storage: Storage, userId: string, text: { title: string; body: string }): void {
  const aside = loadDraft(storage, userId, 'set-aside')
  const joined = isEmpty(aside) ? text : { title: aside.title, body: [aside.body, `${text.title}\n${text.body}`.trim()].filter(Boolean).join('\n\n') }
  saveDraft(storage, userId, { title: joined.title, body: joined.body }, 'set-aside')
}

/** Everything of this user's board in this tab: the draft and the text set aside (the outbox deletes its own). */
export function discardDrafts(storage: Storage, userId: string): boolean {
  const had = !isEmpty(loadDraft(storage, userId)) || !isEmpty(loadDraft(storage, userId, 'set-aside'))
  saveDraft(storage, userId, EMPTY_DRAFT)
  saveDraft(storage, userId, EMPTY_DRAFT, 'set-aside')
  return had
}

/**
 * Gives a refused post's text back to the draft when the draft is empty (or still holds it), else sets it aside (one slot; a newer
 * refusal that cannot go back either joins it, never replaces it). Returns whether it is back in the draft.
 */
export function giveBack(storage: Storage, userId: string, text: { title: string; body: string }): boolean {
  const draft = loadDraft(storage, userId)
  if (sameText(draft, text)) return true // still in the form, as it was sent
  if (isEmpty(draft)) {
    saveDraft(storage, userId, { title: text.title, body: text.body })
    return true
  }
  setAside(storage, userId, text)
  return false
}

/**
 * After a post was sent: clears the saved draft if it still holds the sent text (never newer text), then, once the
 * draft is empty, the text set aside (if any) becomes the draft. Returns the draft as it then is.
 */
export function afterSent(storage: Storage, userId: string, sent: { title: string; body: string }): PostDraft {
  if (sameText(loadDraft(storage, userId), sent)) saveDraft(storage, userId, EMPTY_DRAFT)
  const draft = loadDraft(storage, userId)
  const aside = loadDraft(storage, userId, 'set-aside')
  if (!isEmpty(draft) || isEmpty(aside)) return draft
  saveDraft(storage, userId, aside)
  saveDraft(storage, userId, EMPTY_DRAFT, 'set-aside')
  return aside
}
