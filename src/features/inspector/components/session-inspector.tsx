import { useId, useState } from 'react'
import { useRefreshCounts, useSession } from '../../../state'
import { MockControlsPanel } from './mock-controls-panel'
import { RefreshCountsTable } from './refresh-counts-table'
import { TokenCountdown } from './token-countdown'

/** A developer's view of silent refresh, in mock mode only. */
export function SessionInspector() {
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const { status, accessTokenExpiresLocallyAt } = useSession()
  const counts = useRefreshCounts()
  return (
    <div className="inspector">
      <button type="button" className="inspector-toggle" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        Session inspector
      </button>
      <aside id={panelId} className="inspector-panel" aria-label="Session inspector" hidden={!open}>
        {open && (
          <>
            <dl className="inspector-stats">
              <dt>Session</dt>
              <dd>{status}</dd>
              <dt>Access token</dt>
              <dd>
                <TokenCountdown expiresAt={accessTokenExpiresLocallyAt} />
              </dd>
            </dl>
            <RefreshCountsTable counts={counts} />
            <MockControlsPanel />
          </>
        )}
      </aside>
    </div>
  )
}
