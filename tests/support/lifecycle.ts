import type { ClientTimers, LifecycleSources } from 'silent-refresh'
import { manualTimers } from 'silent-refresh/testing'

/**
 * Injected timers for the lifecycle and retry tests: a retry's wait (up to 1 s) fires by itself on the next task
 * (a test need not wait the real 200–600 ms), a request's timeout (10 s) only when the test calls `advance`;
 * `delays` records each timeout that fired. `setInterval` callbacks are kept for the test to `tick()` by hand.
 */
export function quickTimers() {
  const time = manualTimers({ now: 0 }, { autoUpToMs: 1_000 })
  const intervals = new Map<number, () => void>()
  let nextId = 1
  const timers: ClientTimers = {
    setTimeout: time.timers.setTimeout,
    clearTimeout: time.timers.clearTimeout,
    setInterval(callback) {
      const id = nextId++
      intervals.set(id, callback)
      return id
    },
    clearInterval: (id) => void intervals.delete(id as number),
  }
  return {
    timers,
    delays: time.fired,
    advance: time.advance,
    /** Runs every interval callback once (as a timer does after a sleep: once, late). */
    tick: () => [...intervals.values()].forEach((run) => run()),
    intervalCount: () => intervals.size,
  }
}

/** A window and a document the test drives: visibility, `pageshow` (bfcache or not), `online`/`offline`. */
export function fakePage() {
  const window = new EventTarget()
  const document = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState })
  const page = { online: true }
  const sources: LifecycleSources = { window, document, checkIntervalMs: 10_000, jumpThresholdMs: 30_000 }
  return {
    sources,
    isOnline: () => page.online,
    hide() {
      document.visibilityState = 'hidden'
      document.dispatchEvent(new Event('visibilitychange'))
    },
    show() {
      document.visibilityState = 'visible'
      document.dispatchEvent(new Event('visibilitychange'))
    },
    pageshow: (persisted: boolean) => window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted })),
    goOffline() {
      page.online = false
      window.dispatchEvent(new Event('offline'))
    },
    goOnline() {
      page.online = true
      window.dispatchEvent(new Event('online'))
    },
  }
}
