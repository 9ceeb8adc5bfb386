import { useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useLocation } from 'react-router-dom'
import type { PageFocus } from '../lib/page-focus'

/**
 * Marks each navigation (not the first load) so the next page heading takes focus, and holds the
 * text of the polite live region that announces the new page.
 */
export function useRouteAnnouncer(): { pageFocus: PageFocus; announcement: string } {
  const location = useLocation()
  const lastKey = useRef<string | null>(null)
  const pending = useRef(false)
  const [announcement, setAnnouncement] = useState('')

  // A layout effect runs before the pages' passive effects of the same commit: the new page sees the mark.
  useLayoutEffect(() => {
    const key = location.pathname + location.search
    if (lastKey.current !== null && lastKey.current !== key) pending.current = true
    lastKey.current = key
  }, [location.pathname, location.search])

  const pageFocus = useMemo<PageFocus>(
    () => ({
      claim() {
        const claimed = pending.current
        pending.current = false
        return claimed
      },
      announce: setAnnouncement,
    }),
    [],
  )
  return { pageFocus, announcement }
}
