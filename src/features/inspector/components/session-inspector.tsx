import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { useAuthClient } from '../../../lib/auth'
import { useRefreshCounts, useSession } from '../../../state'
import { useInspectorMessages } from '../messages'
import { useTimeline } from '../timeline/use-timeline'
import { MockControlsPanel } from './mock-controls-panel'
import { RefreshCountsTable } from './refresh-counts-table'
import { TimelineList } from './timeline-list'
import { TokenCountdown } from './token-countdown'

/** Marks the page so the stylesheet makes room for the docked inspector: the content never goes under it. */
function useDockSpace(open: boolean): void {
  useEffect(() => {
    const root = document.documentElement
    root.classList.add('has-inspector')
    root.classList.toggle('inspector-open', open)
    return () => root.classList.remove('has-inspector', 'inspector-open')
  }, [open])
  // A focused field that ends under the open dock (a tall text area the browser saw as partly visible, so it did
  // not scroll) is scrolled clear of it: what the person types is always in view.
  useEffect(() => {
    if (!open) return
    function keepClear(event: FocusEvent) {
      const field = event.target
      const dock = document.querySelector('.inspector')
      if (!(field instanceof HTMLElement) || !dock || dock.contains(field)) return
      const [box, docked] = [field.getBoundingClientRect(), dock.getBoundingClientRect()]
      // Only the dock below the page (narrow screens); beside it (wide screens) it covers nothing.
      const besideIt = box.right <= docked.left || box.left >= docked.right
      const overlap = box.bottom - docked.top
      if (!besideIt && overlap > 0) window.scrollBy({ top: overlap + 16 })
    }
    document.addEventListener('focusin', keepClear)
    return () => document.removeEventListener('focusin', keepClear)
  }, [open])
}

/** A developer's view of silent refresh, in mock mode only: docked beside (or below) the page, never over it. */
export function SessionInspector() {
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const toggleRef = useRef<HTMLButtonElement>(null)
  const { status, accessTokenExpiresLocallyAt } = useSession()
  const counts = useRefreshCounts()
  const m = useInspectorMessages()
  // Recorded from the start, open or not: the panel shows what happened before it was opened too.
  const timeline = useTimeline(useAuthClient())
  useDockSpace(open)

  function close(event: KeyboardEvent) {
    if (event.key !== 'Escape') return
    event.stopPropagation()
    setOpen(false)
    toggleRef.current?.focus()
  }

  return (
    <div className="inspector" onKeyDown={open ? close : undefined}>
      <button
        ref={toggleRef}
        type="button"
        className="inspector-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        {m.toggle}
      </button>
      <aside id={panelId} className="inspector-panel" aria-labelledby={`${panelId}-heading`} hidden={!open}>
        <h2 id={`${panelId}-heading`} className="inspector-heading">
          {m.toggle}
        </h2>
        {open && (
          <>
            <p className="field-hint">{m.escHint}</p>
            <dl className="inspector-stats">
              <dt>{m.session}</dt>
              <dd>{m.status[status]}</dd>
              <dt>{m.accessTokenThisTab}</dt>
              <dd>
                <TokenCountdown expiresAt={accessTokenExpiresLocallyAt} />
              </dd>
            </dl>
            <RefreshCountsTable counts={counts} />
            <TimelineList entries={timeline.entries} onClear={timeline.clear} />
            <MockControlsPanel />
          </>
        )}
      </aside>
    </div>
  )
}
