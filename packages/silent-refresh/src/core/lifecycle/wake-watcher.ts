import type { ClientTimers, LifecycleSources } from '../options'
import type { WakeTrigger } from '../types'

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
export function watchWake(sources: LifecycleSources, timers: ClientTimers, now: () => number, handlers: WakeHandlers): () => void {
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
export const globalTimers: ClientTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
  setInterval: (callback, ms) => globalThis.setInterval(callback, ms),
  clearInterval: (id) => globalThis.clearInterval(id as ReturnType<typeof setInterval>),
}

/** `navigator.onLine`, or true where there is no navigator (Node). */
export function browserIsOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false
}
