/** A post being written. Only what the person typed: never a token. */
export interface PostDraft {
  title: string
  body: string
}

export const EMPTY_DRAFT: PostDraft = { title: '', body: '' }

// One draft per user, so a draft never shows up in someone else's session in this tab.
const keyFor = (userId: string) => `board-draft:${userId}`

/** The saved draft, or an empty one when there is none or it cannot be read. */
export function loadDraft(storage: Storage, userId: string): PostDraft {
  try {
    const raw = storage.getItem(keyFor(userId))
    if (!raw) return EMPTY_DRAFT
    const value: unknown = JSON.parse(raw)
    if (typeof value !== 'object' || value === null) return EMPTY_DRAFT
    const { title, body } = value as Record<string, unknown>
    return { title: typeof title === 'string' ? title : '', body: typeof body === 'string' ? body : '' }
  } catch {
    return EMPTY_DRAFT
  }
}

/** Keeps the draft for this tab (sessionStorage); an empty draft removes it. Storage failures are ignored. */
export function saveDraft(storage: Storage, userId: string, draft: PostDraft): void {
  try {
    if (!draft.title && !draft.body) storage.removeItem(keyFor(userId))
    else storage.setItem(keyFor(userId), JSON.stringify({ title: draft.title, body: draft.body }))
  } catch {
    // Full or disabled storage: the draft lives on in the form for as long as the page does.
  }
}

export function clearDraft(storage: Storage, userId: string): void {
  saveDraft(storage, userId, EMPTY_DRAFT)
}
