import { useEffect, useState } from 'react'
import type { AuthClient } from 'silent-refresh'
import { watchTimeline, type TimelineEntry } from './watch-timeline'

/** The timeline keeps this many lines (the newest). */
export const TIMELINE_LIMIT = 100

/** The live timeline of `client` since this hook mounted, and a way to clear it. */
export function useTimeline(client: AuthClient): { entries: TimelineEntry[]; clear(): void } {
  const [entries, setEntries] = useState<TimelineEntry[]>([])
  useEffect(() => {
    let id = 0
    return watchTimeline(client, (line) => {
      const entry = { ...line, id: ++id, at: Date.now() } as TimelineEntry
      setEntries((all) => [...all.slice(-(TIMELINE_LIMIT - 1)), entry])
    })
  }, [client])
  return { entries, clear: () => setEntries([]) }
}
