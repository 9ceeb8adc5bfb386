/**
 * A post being written. Only what the person typed, and the Idempotency-Key of its submission once they pressed
 * Post (kept with the draft, so a reload or a retry of the same text sends the same key): never a token.
 */
export interface PostDraft {
  title: string
  body: string
  /** Set when the draft was submitted; dropped when its text changes (new text is a new post). */
  key?: string
}

export const EMPTY_DRAFT: PostDraft = { title: '', body: '' }

// One draft per user, so a draft never shows up in someone else's session in this tab.
const keyFor = (userId: string) => `board-draft:${userId}`

/** Whether two drafts hold the same text (their keys aside). */
export const sameText = (a: { title: string; body: string }, b: { title: string; body: string }) => a.title === b.title && a.body === b.body

/** The saved draft, or an empty one when there is none or it cannot be read. */
export function loadDraft(storage: Storage, userId: string): PostDraft {
  try {
    const raw = storage.getItem(keyFor(userId))
    if (!raw) return EMPTY_DRAFT
    const value: unknown = JSON.parse(raw)
    if (typeof value !== 'object' || value === null) return EMPTY_DRAFT
    const { title, body, key } = value as Record<string, unknown>
    const draft: PostDraft = { title: typeof title === 'string' ? title : '', body: typeof body === 'string' ? body : '' }
    return typeof key === 'string' && key !== '' ? { ...draft, key } : draft
  } catch {
    return EMPTY_DRAFT
  }
}

/** Keeps the draft for this tab (sessionStorage); an empty draft removes it. Storage failures are ignored. */
export function saveDraft(storage: Storage, userId: string, draft: PostDraft): void {
  try {
    if (!draft.title && !draft.body) storage.removeItem(keyFor(userId))
    else storage.setItem(keyFor(userId), JSON.stringify({ title: draft.title, body: draft.body, ...(draft.key ? { key: draft.key } : {}) }))
  } catch {
    // Full or disabled storage: the draft lives on in the form for as long as the page does.
  }
}

export function clearDraft(storage: Storage, userId: string): void {
  saveDraft(storage, userId, EMPTY_DRAFT)
}
