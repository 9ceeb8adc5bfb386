import { useCallback, useEffect, useRef, useState } from 'react'
import { useAuthClient } from '../../../lib/auth'
import { addMockClockOffset, formatClockOffset, useMockClockOffset } from '../../../lib/mock-clock-offset'
import { useSession } from '../../../state'
import { mockControls, type MockServerStats, type MockWindowControls } from '../mock-controls'
import { useNow } from '../use-now'

const DEFAULT_ACCESS_TTL_MS = 60 * 60 * 1000
// Past any refresh family's 14-day life.
const END_OF_FAMILY_MS = 15 * 24 * 60 * 60 * 1000
const SHORT_ACCESS_TTL_MS = 20_000
/** The server's counters are read again this often while the panel is open, and after every action. */
const STATS_POLL_MS = 1000

/** Buttons for the mock server's knobs, what they did on the server, and its live counters. */
export function MockControlsPanel() {
  const mock = mockControls()
  if (!mock) return <p>The mock's controls (<code>window.__mock</code>) are not installed.</p>
  return <Controls mock={mock} />
}

function useLiveStats(mock: MockWindowControls): { stats: MockServerStats | null; refresh(): void } {
  const [stats, setStats] = useState<MockServerStats | null>(null)
  const refresh = useCallback(() => void mock.stats().then(setStats, () => setStats(null)), [mock])
  useEffect(() => {
    refresh()
    const timer = setInterval(refresh, STATS_POLL_MS)
    return () => clearInterval(timer)
  }, [refresh])
  return { stats, refresh }
}

/** The refresh family as this panel knows it: ended by its button until the next login starts a new one. */
function useFamilyState(status: string): { ended: boolean; markEnded(): void } {
  const [ended, setEnded] = useState(false)
  const lastStatus = useRef(status)
  useEffect(() => {
    // A new login (from anonymous or ended to authenticated) starts a new family.
    if (status === 'authenticated' && lastStatus.current !== 'authenticated' && lastStatus.current !== 'restoring') setEnded(false)
    lastStatus.current = status
  }, [status])
  return { ended, markEnded: () => setEnded(true) }
}

function Controls({ mock }: { mock: MockWindowControls }) {
  const client = useAuthClient()
  const { status, accessTokenExpiresAt, accessTokenIssuedAt } = useSession()
  const { stats, refresh } = useLiveStats(mock)
  const clockOffset = useMockClockOffset()
  const family = useFamilyState(status)
  const now = useNow(1000)
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)

  async function run(label: string, action: () => Promise<unknown>) {
    setBusy(true)
    try {
      await action()
      setDone(`Done: ${label}.`)
    } catch (error) {
      setDone(`${label} failed: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      setBusy(false)
      refresh()
    }
  }

  async function advance(ms: number) {
    await mock.advanceClock(ms)
    addMockClockOffset(ms)
  }

  const accessTtl =
    accessTokenExpiresAt !== null && accessTokenIssuedAt !== null ? accessTokenExpiresAt - accessTokenIssuedAt : DEFAULT_ACCESS_TTL_MS
  // The token's `exp` is server time; the server's clock runs `clockOffset` ahead of this browser's.
  const expiredOnServer = accessTokenExpiresAt !== null && accessTokenExpiresAt <= now + clockOffset

  return (
    <>
      <h3>Mock server</h3>
      <dl className="inspector-stats">
        <dt>Server clock</dt>
        <dd>{clockOffset === 0 ? 'real time' : `${formatClockOffset(clockOffset)} ahead`}</dd>
        <dt>Access token (server)</dt>
        <dd>
          {accessTokenExpiresAt === null
            ? 'none held'
            : expiredOnServer
              ? 'expired on the server: the next request gets a 401, then one refresh'
              : 'valid on the server'}
        </dd>
        <dt>Refresh family</dt>
        <dd>
          {status === 'ended'
            ? 'ended: the server refused the refresh'
            : family.ended
              ? 'expired on the server (clock moved past its 14 days): the next refresh will be refused'
              : status === 'authenticated'
                ? 'active'
                : 'none'}
        </dd>
      </dl>
      <div className="inspector-buttons">
        <button type="button" disabled={busy} onClick={() => run('access token expired on the server', () => advance(accessTtl + 1000))}>
          Expire access token on server
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            run('refresh family ended', async () => {
              await advance(END_OF_FAMILY_MS)
              family.markEnded()
            })
          }
        >
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
        <dl className="inspector-stats" aria-label="Server counters (live)">
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
    </>
  )
}
