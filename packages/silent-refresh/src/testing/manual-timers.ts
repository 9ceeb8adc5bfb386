import type { ClientTimers } from '../core'
import type { TabTimers } from '../core/tabs/timers'

/** A client clock (`now`) the test moves forward by hand: the real time plus what the test added. */
export function movableClock() {
  let offset = 0
  return { now: () => Date.now() + offset, advance: (ms: number) => (offset += ms) }
}

interface Timer {
  at: number
  ms: number
  callback: () => void
  every: number | null
}

/**
 * Timers on fake time that moves only when the test says (`advance`), on `clock` (the client's own clock in
 * `openTabs`): a lock's bounds or a request's timeout never cost a wall-clock wait, and never race the mock's
 * real work (its crypto runs in Node's thread pool, however many turns the event loop makes meanwhile).
 * A timeout of at most `autoUpToMs` (a retry's 200–600 ms, a lock's 5 ms settle) fires by itself on the next
 * task, moving time by its delay, as if the test had advanced it. Moving `clock.now` by hand is a jump the
 * timers did not see (a sleeping laptop): what fell due fires at the next `advance`, once, late.
 */
export function manualTimers(clock: { now: number } = { now: Date.now() }, { autoUpToMs = 0 } = {}) {
  const timers = new Map<number, Timer>()
  const fired: number[] = []
  let nextId = 1
  let elapsed = 0
  let autoScheduled = false

  const add = (callback: () => void, ms: number, every: number | null) => {
    const id = nextId++
    const delay = Math.max(0, ms)
    timers.set(id, { at: clock.now + delay, ms: delay, callback, every })
    if (isAuto(timers.get(id)!)) scheduleAuto()
    return id
  }
  const remove = (id: unknown) => void timers.delete(id as number)
  const api: ClientTimers & TabTimers = {
    now: () => clock.now,
    setTimeout: (callback, ms) => add(callback, ms, null),
    clearTimeout: remove,
    setInterval: (callback, ms) => add(callback, ms, Math.max(1, ms)),
    clearInterval: remove,
  }

  /** The id of the timer due first among those `which` accepts (then the one set first). */
  function soonest(which: (timer: Timer) => boolean): number | undefined {
    let next: [number, Timer] | undefined
    for (const entry of timers) if (which(entry[1]) && (!next || entry[1].at < next[1].at)) next = entry
    return next?.[0]
  }
  const isAuto = (timer: Timer) => timer.every === null && timer.ms <= autoUpToMs

  /** Moves time `ms` forward, firing every timer that falls due, in order. */
  function advance(ms: number) {
    const until = clock.now + ms
    for (let id = soonest((t) => t.at <= until); id !== undefined; id = soonest((t) => t.at <= until)) {
      const timer = timers.get(id)!
      clock.now = Math.max(clock.now, timer.at)
      if (timer.every !== null) timer.at = clock.now + timer.every
      else {
        timers.delete(id)
        fired.push(timer.ms)
      }
      timer.callback()
    }
    elapsed += ms
    clock.now = until
  }

  function scheduleAuto() {
    if (autoScheduled) return
    autoScheduled = true
    setTimeout(() => {
      autoScheduled = false
      const id = soonest(isAuto)
      if (id === undefined) return
      advance(Math.max(0, timers.get(id)!.at - clock.now))
      if (soonest(isAuto) !== undefined) scheduleAuto()
    }, 0)
  }

  return {
    timers: api,
    advance,
    /** How many timers are set and not yet fired or cleared (intervals included). */
    pending: () => timers.size,
    /** The delay of each timeout that fired, in order. */
    fired,
    /** Fake time moved since these timers were made, ms. */
    elapsed: () => elapsed,
  }
}
