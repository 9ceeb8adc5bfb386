import { getAdapter, type AxiosAdapter } from 'axios'
import { setupServer } from 'msw/node'
import { createMockBackend, type MockControl } from '../../mocks'

export const BASE_URL = 'http://localhost/api'
export const DEMO = { email: 'demo@example.com', password: 'demo-pass-123' }
/** A request carrying this header is held by the transport (see `holdNext`). */
export const HOLD_HEADER = 'X-Bench-Hold'

export interface Hold {
  /** Resolves when the held request's response has come back from the mock. */
  arrived: Promise<void>
  /** Lets the held response through to the client. */
  release(): void
}

export interface MockEnv {
  control: MockControl
  /** axios's own http adapter (intercepted by msw/node) with a hook to hold one response back. */
  adapter: AxiosAdapter
  /** Arms a hold for the next request that carries `HOLD_HEADER` (its replay passes through). */
  holdNext(): Hold
  close(): void
}

function createHold(): Hold & { arrive(): void; released: Promise<void> } {
  let arrive!: () => void
  let release!: () => void
  const arrived = new Promise<void>((resolve) => (arrive = resolve))
  const released = new Promise<void>((resolve) => (release = resolve))
  return { arrived, arrive, release, released }
}

/**
 * The project's mock (rotation, reuse detection, counters) behind msw/node, in this process: the
 * same handlers the tests use, real axios http adapter on the client side, MSW's cookie jar as the
 * browser's. No port, no sockets, so a 1000-request burst measures the clients, not the OS.
 */
export function startMockEnv(): MockEnv {
  const backend = createMockBackend()
  const server = setupServer(...backend.handlers)
  backend.trackClientCookies(server.events)
  server.listen({ onUnhandledRequest: 'error' })
  const http = getAdapter('http')
  let armed: ReturnType<typeof createHold> | null = null
  const adapter: AxiosAdapter = async (config) => {
    const hold = config.headers.has(HOLD_HEADER) ? armed : null
    if (!hold) return http(config)
    armed = null
    try {
      return await http(config)
    } finally {
      hold.arrive()
      await hold.released
    }
  }
  return {
    control: backend.control,
    adapter,
    holdNext() {
      armed = createHold()
      return armed
    },
    close: () => server.close(),
  }
}
