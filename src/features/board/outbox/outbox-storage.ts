/** A post the person sent that the server has not confirmed yet: sent again, with the same key, until it is. */
export interface OutboxEntry {
  /** The Idempotency-Key: the server makes one post per key, however often it is sent. */
  key: string
  title: string
  body: string
}

/** Bounded: a tab never piles up more than this many unsent posts. */
export const MAX_OUTBOX = 20

const keyFor = (userId: string) => `board-outbox:${userId}`

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false
  const { key, title, body } = value as Record<string, unknown>
  return typeof key === 'string' && key !== '' && typeof title === 'string' && typeof body === 'string'
}

/** This user's unsent posts in this tab (sessionStorage), oldest first; none when storage is empty or unreadable. */
export function loadOutbox(storage: Storage, userId: string): OutboxEntry[] {
  try {
    const value: unknown = JSON.parse(storage.getItem(keyFor(userId)) ?? '[]')
    return Array.isArray(value) ? value.filter(isEntry).map(({ key, title, body }) => ({ key, title, body })) : []
  } catch {
    return []
  }
}

export function saveOutbox(storage: Storage, userId: string, entries: readonly OutboxEntry[]): void {
  try {
    if (entries.length === 0) storage.removeItem(keyFor(userId))
    else storage.setItem(keyFor(userId), JSON.stringify(entries.slice(-MAX_OUTBOX).map(({ key, title, body }) => ({ key, title, body }))))
  } catch {
    // Storage refused: the entries still live in the page until it closes.
  }
}
