import { useCallback, useEffect, useState } from 'react'
import { useAuthClient } from '../../../lib/auth'
import { useSession } from '../../../state'
import { mockControls, type MockServerStats, type MockWindowControls } from '../mock-controls'

const DEFAULT_ACCESS_TTL_MS = 60 * 60 * 1000
// Past any refresh family's 14-day life.
const END_OF_FAMILY_MS = 15 * 24 * 60 * 60 * 1000
const SHORT_ACCESS_TTL_MS = 20_000

/** Buttons for the mock server's knobs, and its counters. */
export function MockControlsPanel() {
  const mock = mockControls()
  if (!mock) return <p>The mock's controls (<code>window.__mock</code>) are not installed.</p>
  return <Controls mock={mock} />
}

function Controls({ mock }: { mock: MockWindowControls }) {
  const client = useAuthClient()
  const { status, accessTokenExpiresAt, accessTokenIssuedAt } = useSession()
  const [stats, setStats] = useState<MockServerStats | null>(null)
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)

  const readStats = useCallback(() => mock.stats().then(setStats, () => setStats(null)), [mock])
  useEffect(() => {
    void readStats()
  }, [readStats])

  async function run(label: string, action: () => Promise<unknown>) {
    setBusy(true)
    try {
      await action()
      setDone(`Done: ${label}.`)
    } catch (error) {
      setDone(`${label} failed: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      setBusy(false)
      void readStats()
    }
  }

  const accessTtl =
    accessTokenExpiresAt !== null && accessTokenIssuedAt !== null ? accessTokenExpiresAt - accessTokenIssuedAt : DEFAULT_ACCESS_TTL_MS

  return (
    <>
      <h3>Mock server</h3>
      <div className="inspector-buttons">
        <button type="button" disabled={busy} onClick={() => run('access token expired on the server', () => mock.advanceClock(accessTtl + 1000))}>
          Expire access token on server
        </button>
        <button type="button" disabled={busy} onClick={() => run('refresh family ended', () => mock.advanceClock(END_OF_FAMILY_MS))}>
          End refresh family
        </button>
        <button type="button" disabled={busy} onClick={() => run('next refresh fails with a network error', () => mock.failNext('refresh', 'network'))}>
          Fail next refresh: network
        </button>
        <button type="button" disabled={busy} onClick={() => run('next refresh fails with a 500', () => mock.failNext('refresh', 500))}>
          Fail next refresh: 500
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            run('access tokens now last 20 s', async () => {
              await mock.configure({ accessTtlMs: SHORT_ACCESS_TTL_MS })
              if (status === 'authenticated') await client.refresh()
            })
          }
        >
          Short lifetimes (20 s access tokens)
        </button>
      </div>
      <p role="status" className="inspector-done">
        {done}
      </p>
      {stats && (
        <dl className="inspector-stats">
          <dt>Refresh calls</dt>
          <dd>{stats.refreshCalls}</dd>
          <dt>Refresh failures</dt>
          <dd>{stats.refreshFailures}</dd>
          <dt>Families revoked</dt>
          <dd>{stats.familiesRevoked}</dd>
          <dt>Logins</dt>
          <dd>{stats.logins}</dd>
          <dt>Posts created</dt>
          <dd>{stats.postsCreated}</dd>
        </dl>
      )}
      <button type="button" className="button-link" onClick={() => void readStats()}>
        Update server counters
      </button>
    </>
  )
}
