import { createContext, useContext } from 'react'

/** What the layout offers pages after a navigation: one claim on focus, and a polite announcement. */
export interface PageFocus {
  /** True for the first page heading that asks after a navigation (and never on the first load). */
  claim(): boolean
  /** Says `message` through the layout's polite live region. */
  announce(message: string): void
}

const NO_FOCUS: PageFocus = { claim: () => false, announce: () => {} }

export const PageFocusContext = createContext<PageFocus>(NO_FOCUS)

export function usePageFocus(): PageFocus {
  return useContext(PageFocusContext)
}

/** The tab's title for a page: its own name first, so tabs and history tell pages apart. */
export function documentTitle(page: string, appName: string): string {
  return `${page} · ${appName}`
}
