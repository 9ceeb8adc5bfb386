import { getAdapter, type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios'
import { DEMO_USER } from '../../mocks'
import {
  createAuthClient,
  createMemoryTokenStore,
  type AuthClientOptions,
  type AuthEvent,
  type SessionEndReason,
  type Timers,
} from 'silent-refresh'
import { quickTimers } from './lifecycle'

export const API = 'http://localhost/api'
/** The mock's seeded demo user (email, password, name). */
export const DEMO = DEMO_USER

/** A promise with its resolver outside, to hold a response until a test says so. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((res) => {
    resolve = res
  })
  return { promise, resolve }
}

/**
 * A real transport (axios's http adapter, intercepted by msw/node) with a hook that can hold a
 * response back before the client sees it: how a test makes a 401 arrive late, without sleeping.
 */
export function holdingAdapter(hold: (config: InternalAxiosRequestConfig) => Promise<void> | undefined): AxiosAdapter {
  const http = getAdapter('http')
  return async (config) => {
    try {
      return await http(config)
    } finally {
      await hold(config)
    }
  }
}

/**
 * The global timers, looked up when called (so fake timers a test installs later still apply): for the test that
 * means the client's real waits, passed explicitly as `createTestClient({ timers: realTimers })`.
 */
export const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
  setInterval: (callback, ms) => globalThis.setInterval(callback, ms),
  clearInterval: (id) => globalThis.clearInterval(id as ReturnType<typeof setInterval>),
}

/**
 * An auth client over the mock with an in-memory store, a hand-driven client clock, and a record of
 * its events and session ends. `skewMs` puts the client's clock that far off the server's.
 *
 * Its timers are `quickTimers()` unless the test passes its own: a quick retry's 200–600 ms wait fires on the next
 * task, and the auth requests' 10 s timeout only when the test calls `time.advance` — a loaded machine never makes
 * a slow answer a timeout, and no test waits the real delay. A test that needs the real ones says so
 * (`timers: realTimers`). `time` is null when the test passed its own timers.
 */
export function createTestClient(options: Partial<AuthClientOptions> & { skewMs?: number } = {}) {
  const { skewMs = 0, ...overrides } = options
  const clock = { now: Date.now() + skewMs }
  const time = overrides.timers ? null : quickTimers()
  const store = createMemoryTokenStore()
  const events: AuthEvent[] = []
  const sessionEnds: SessionEndReason[] = []
  const client = createAuthClient({
    baseURL: API,
    store,
    now: () => clock.now,
    onEvent: (event) => events.push(event),
    onSessionEnd: (reason) => sessionEnds.push(reason),
    ...(time ? { timers: time.timers } : {}),
    ...overrides,
  })
  return {
    client,
    store,
    clock,
    time,
    events,
    sessionEnds,
    /** Moves the client's clock only. */
    advanceClientClock: (ms: number) => {
      clock.now += ms
    },
    signIn: () => client.login(DEMO),
  }
}
