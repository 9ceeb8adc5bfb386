import { getAdapter, type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios'
import { DEMO_USER } from '../../packages/silent-refresh/src/testing/server/core/seed'
import { createAuthClient, createMemoryTokenStore, type AuthClientOptions, type AuthEvent, type SessionEndReason } from 'silent-refresh'

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
 * An auth client over the mock with an in-memory store, a hand-driven client clock, and a record of
 * its events and session ends. `skewMs` puts the client's clock that far off the server's.
 */
export function createTestClient(options: Partial<AuthClientOptions> & { skewMs?: number } = {}) {
  const { skewMs = 0, ...overrides } = options
  const clock = { now: Date.now() + skewMs }
  const store = createMemoryTokenStore()
  const events: AuthEvent[] = []
  const sessionEnds: SessionEndReason[] = []
  const client = createAuthClient({
    baseURL: API,
    store,
    now: () => clock.now,
    onEvent: (event) => events.push(event),
    onSessionEnd: (reason) => sessionEnds.push(reason),
    ...overrides,
  })
  return {
    client,
    store,
    clock,
    events,
    sessionEnds,
    /** Moves the client's clock only. */
    advanceClientClock: (ms: number) => {
      clock.now += ms
    },
    signIn: () => client.login(DEMO),
  }
}
