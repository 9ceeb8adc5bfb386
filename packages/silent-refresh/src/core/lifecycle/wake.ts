import type { Refresh } from '../refresh'
import type { SessionModel } from '../session'
import type { LifecycleSources, Timers, WakeTrigger } from '../types'

export interface WakeCheckParts {
  session: SessionModel
  refresh: Refresh
  timers: Timers
  isOnline(): boolean
  /** Sends a pending logout; resolves whether one is still pending. */
  finishPendingLogout(): Promise<boolean>
}

export interface WakeCheck {
  /** `client.checkSession(trigger)`: settles when done, never rejects. */
  checkSession(trigger: WakeTrigger): Promise<void>
  /** `client.connectLifecycle(sources)`: runs the check on every wake-up the sources report. */
  connect(sources: LifecycleSources | undefined): () => void
}

/** What the client does when the page wakes up: a pending logout first, then a refresh if the token needs one. */
export function createWakeCheck(parts: WakeCheckParts): WakeCheck {
  const { session, refresh, isOnline } = parts

  async function checkSession(trigger: WakeTrigger): Promise<void> {
    session.emit({ type: 'wake', trigger })
    // Back online: the failures before said nothing about the server; the backoff starts over.
    session.dispatch({ type: 'connectivity', online: isOnline() })
    if (!isOnline() || (await parts.finishPendingLogout())) return
    const { status } = session.getSnapshot()
    if (status === 'unknown' || status === 'restoring') return // the start-up restore decides
    const current = session.tokens.read()
    try {
      // Restored from the back/forward cache: the other tabs' messages were missed. A refresh under the lock
      // takes a newer token, ends a session that was ended, or finds a login that happened meanwhile.
      if (trigger === 'bfcache') await refresh.run('wake')
      else if (current && current.freshness !== 'fresh') await refresh.automatic('wake')
    } catch {
      // The refresh has told the session what happened (ended, unavailable, offline).
    }
  }

  function connect(sources: LifecycleSources | undefined): () => void {
    if (!sources) return () => undefined
    session.dispatch({ type: 'connectivity', online: isOnline() })
    return watchWake(sources, parts.timers, session.clock.now, {
      wake: (trigger) => void checkSession(trigger),
      offline: () => session.dispatch({ type: 'connectivity', online: false }),
    })
  }

  return { checkSession, connect }
}

const DEFAULT_CHECK_INTERVAL_MS = 10_000
const DEFAULT_JUMP_THRESHOLD_MS = 30_000

export interface WakeHandlers {
  /** The page woke up: check the session now. */
  wake(trigger: WakeTrigger): void
  /** The browser says it went offline. */
  offline(): void
}

/**
 * Listens for the moments a page comes back to life: `visibilitychange` to visible, `pageshow` (`persisted`: restored
 * from the back/forward cache), `online`, and a wall-clock jump (an interval tick that comes far later than planned:
 * the machine slept; timers do not run while it does). Returns the function that stops listening.
 */
export function watchWake(sources: LifecycleSources, timers: Timers, now: () => number, handlers: WakeHandlers): () => void {
  const intervalMs = sources.checkIntervalMs ?? DEFAULT_CHECK_INTERVAL_MS
  const thresholdMs = sources.jumpThresholdMs ?? DEFAULT_JUMP_THRESHOLD_MS
  const onVisibility = () => {
    if (sources.document.visibilityState === 'visible') handlers.wake('visible')
  }
  const onPageShow = (event: Event) => handlers.wake((event as PageTransitionEvent).persisted ? 'bfcache' : 'pageshow')
  const onOnline = () => handlers.wake('online')
  const onOffline = () => handlers.offline()

  let lastTick = now()
  const tick = () => {
    const at = now()
    if (at - lastTick > intervalMs + thresholdMs) handlers.wake('clock-jump')
    lastTick = at
  }

  sources.document.addEventListener('visibilitychange', onVisibility)
  sources.window.addEventListener('pageshow', onPageShow)
  sources.window.addEventListener('online', onOnline)
  sources.window.addEventListener('offline', onOffline)
  const interval = timers.setInterval(tick, intervalMs)
  return () => {
    sources.document.removeEventListener('visibilitychange', onVisibility)
    sources.window.removeEventListener('pageshow', onPageShow)
    sources.window.removeEventListener('online', onOnline)
    sources.window.removeEventListener('offline', onOffline)
    timers.clearInterval(interval)
  }
}

/** The browser's own window and document, or null outside a browser. */
export function browserLifecycleSources(): LifecycleSources | null {
  if (typeof window === 'undefined' || typeof document === 'undefined') return null
  return { window, document }
}

/** The global timers, looked up when called (so test fake timers installed later still apply). */
export const globalTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
  setInterval: (callback, ms) => globalThis.setInterval(callback, ms),
  clearInterval: (id) => globalThis.clearInterval(id as ReturnType<typeof setInterval>),
}

/** `navigator.onLine`, or true where there is no navigator (Node). */
export function browserIsOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false
}
