import { useCallback, useEffect, useRef, useState } from 'react'
import { useAuthClient } from '../../../lib/auth'
import { addMockClockOffset, formatClockOffset, useMockClockOffset } from '../../../lib/mock-clock-offset'
import { useI18n } from '../../../i18n'
import { useSession } from '../../../state'
import { useInspectorMessages } from '../messages'
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
  const m = useInspectorMessages()
  return mock ? <Controls mock={mock} /> : <p>{m.mock.notInstalled}</p>
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
  const words = useInspectorMessages().mock
  const { locale } = useI18n()

  async function run(label: string, action: () => Promise<unknown>) {
    setBusy(true)
    try {
      await action()
      setDone(words.done(label))
    } catch (error) {
      setDone(words.failed(label, error instanceof Error ? error.message : String(error)))
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
      <h3>{words.heading}</h3>
      <dl className="inspector-stats">
        <dt>{words.serverClock}</dt>
        <dd>{clockOffset === 0 ? words.realTime : words.ahead(formatClockOffset(clockOffset, locale))}</dd>
        <dt>{words.accessTokenServer}</dt>
        <dd>
          {accessTokenExpiresAt === null
            ? words.noneHeld
            : expiredOnServer
              ? words.expiredOnServer
              : words.validOnServer}
        </dd>
        <dt>{words.family}</dt>
        <dd>
          {status === 'ended'
            ? words.familyRefused
            : family.ended
              ? words.familyExpired
              : status === 'authenticated'
                ? words.familyActive
                : words.familyNone}
        </dd>
      </dl>
      <div className="inspector-buttons">
        <button type="button" disabled={busy} onClick={() => run(words.didExpireAccess, () => advance(accessTtl + 1000))}>
          {words.expireAccess}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            run(words.didEndFamily, async () => {
              await advance(END_OF_FAMILY_MS)
              family.markEnded()
            })
          }
        >
          {words.endFamily}
        </button>
        <button type="button" disabled={busy} onClick={() => run(words.didFailNetwork, () => mock.failNext('refresh', 'network'))}>
          {words.failNetwork}
        </button>
        <button type="button" disabled={busy} onClick={() => run(words.didFail500, () => mock.failNext('refresh', 500))}>
          {words.fail500}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            run(words.didShortLifetimes, async () => {
              await mock.configure({ accessTtlMs: SHORT_ACCESS_TTL_MS })
              if (status === 'authenticated') await client.refresh()
            })
          }
        >
          {words.shortLifetimes}
        </button>
      </div>
      <p role="status" className="inspector-done">
        {done}
      </p>
      {stats && (
        <dl className="inspector-stats" aria-label={words.counters}>
          <dt>{words.refreshCalls}</dt>
          <dd>{stats.refreshCalls}</dd>
          <dt>{words.refreshFailures}</dt>
          <dd>{stats.refreshFailures}</dd>
          <dt>{words.familiesRevoked}</dt>
          <dd>{stats.familiesRevoked}</dd>
          <dt>{words.logins}</dt>
          <dd>{stats.logins}</dd>
          <dt>{words.postsCreated}</dt>
          <dd>{stats.postsCreated}</dd>
        </dl>
      )}
    </>
  )
}
