import { useCallback, useEffect, useRef, useState } from 'react'
import { useAuthClient, useSignOut } from '../../lib/auth'
import { useSession } from '../../state'
import { openDismissalChannel, type DismissalChannel } from './dismissal-channel'
import { sameEnd, warningPhase, WARNING_LEAD_MS } from './warning-timing'

export type WarningMode =
  /** The end can still move: "Stay signed in" refreshes once. */
  | 'extendable'
  /** A refresh came and the end did not move: it is the login's absolute end. */
  | 'final'

export interface SessionWarningState {
  open: boolean
  mode: WarningMode
  /** When the session ends (client clock, ms), and the time now, ticking each second while open. */
  endsAt: number | null
  now: number
  staying: boolean
  stayFailed: boolean
  stay(): void
  signOut(): Promise<void>
  acknowledge(): void
}

/** The client clock, re-read at the warning's start, every second while it shows, and at the end. */
function useWarningClock(endsAt: number | null, signedIn: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  const phase = signedIn ? warningPhase(endsAt, now) : 'none'
  useEffect(() => {
    if (phase === 'before') {
      const timer = setTimeout(() => setNow(Date.now()), Math.max(0, endsAt! - WARNING_LEAD_MS - Date.now()))
      return () => clearTimeout(timer)
    }
    if (phase === 'warning') {
      const timer = setInterval(() => setNow(Date.now()), 1000)
      return () => clearInterval(timer)
    }
    return undefined
  }, [phase, endsAt])
  return now
}

/**
 * The warning before the session ends, shared by the tabs: due two minutes before `sessionExpiresAt`; "Stay signed in"
 * is one refresh (its token reaches every tab with the new end, which closes their warnings too); a refresh that
 * leaves the end where it was means the login's absolute end, told as such; "OK" on that notice closes it in every tab.
 * When the end passes, one refresh asks the server, so the login page says so before the person acts.
 */
export function useSessionWarning(): SessionWarningState {
  const client = useAuthClient()
  const signOut = useSignOut()
  const { isAuthenticated, sessionExpiresAt, accessTokenIssuedAt } = useSession()
  const now = useWarningClock(sessionExpiresAt, isAuthenticated)
  const phase = isAuthenticated ? warningPhase(sessionExpiresAt, now) : 'none'

  const [dismissedEnd, setDismissedEnd] = useState<number | null>(null)
  const [staying, setStaying] = useState(false)
  const [stayFailed, setStayFailed] = useState(false)
  // The token the warning first saw for this end: a newer one with the same end means the end cannot move.
  const [seen, setSeen] = useState<{ end: number; issuedAt: number | null } | null>(null)
  // Adjusted while rendering (React's pattern for state derived from a change), not in an effect.
  if (phase === 'warning' && !sameEnd(seen?.end ?? null, sessionExpiresAt)) {
    setSeen({ end: sessionExpiresAt!, issuedAt: accessTokenIssuedAt })
    setStayFailed(false)
  }

  const channel = useRef<DismissalChannel | null>(null)
  useEffect(() => {
    const opened = openDismissalChannel((end) => setDismissedEnd(end))
    channel.current = opened
    return () => {
      opened.dispose()
      channel.current = null
    }
  }, [])

  // Past the end: one refresh finds out; refused, the session ends and the app says so.
  const endChecked = useRef<number | null>(null)
  useEffect(() => {
    if (phase !== 'ended' || endChecked.current === sessionExpiresAt) return
    endChecked.current = sessionExpiresAt
    client.refresh().catch(() => undefined)
  }, [phase, sessionExpiresAt, client])

  const stay = useCallback(() => {
    setStaying(true)
    setStayFailed(false)
    client
      .refresh()
      .catch(() => setStayFailed(true))
      .finally(() => setStaying(false))
  }, [client])

  const acknowledge = useCallback(() => {
    if (sessionExpiresAt === null) return
    setDismissedEnd(sessionExpiresAt)
    channel.current?.tell(sessionExpiresAt)
  }, [sessionExpiresAt])

  const final = seen !== null && sameEnd(seen.end, sessionExpiresAt) && seen.issuedAt !== accessTokenIssuedAt
  return {
    open: phase === 'warning' && !sameEnd(dismissedEnd, sessionExpiresAt),
    mode: final ? 'final' : 'extendable',
    endsAt: sessionExpiresAt,
    now,
    staying,
    stayFailed,
    stay,
    signOut,
    acknowledge,
  }
}
