/** The clock and timers the tab locks run on: the system's by default, a fake one in tests. */
export interface TabTimers {
  /** The wall clock the tabs share (leases expire by it), ms. */
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(id: unknown): void
}

/** The global clock and timers, looked up at each call (so a test's fake timers apply too). */
export const systemTimers: TabTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
}

/** Resolves after `ms`. */
export function sleep(ms: number, timers: TabTimers = systemTimers): Promise<void> {
  return new Promise((resolve) => void timers.setTimeout(resolve, ms))
}

/** Resolves (never rejects) when `promise` settles or after `ms`, whichever comes first. */
export function settledWithin(promise: Promise<unknown>, ms: number, timers: TabTimers = systemTimers): Promise<void> {
  return new Promise((resolve) => {
    const timer = timers.setTimeout(resolve, ms)
    const done = () => {
      timers.clearTimeout(timer)
      resolve()
    }
    promise.then(done, done)
  })
}
