import type { Page } from '@playwright/test'

export interface PageStorage {
  localStorage: Record<string, string>
  sessionStorage: Record<string, string>
  documentCookie: string
}

/** Everything page scripts can read back: both web storages, whole, and `document.cookie`. */
export function readPageStorage(page: Page): Promise<PageStorage> {
  return page.evaluate(() => {
    const entries = (storage: Storage) => {
      const out: Record<string, string> = {}
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)
        if (key !== null) out[key] = storage.getItem(key) ?? ''
      }
      return out
    }
    return { localStorage: entries(localStorage), sessionStorage: entries(sessionStorage), documentCookie: document.cookie }
  })
}
