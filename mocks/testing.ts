import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { mockControl, server } from './index'
import type { DpopMode } from './types'

export interface UseMockServerOptions {
  /**
   * The DPoP mode each test starts with. The mock's default is `required` (as the app binds every login); a file whose
   * clients log in without a proof (Bearer) says `optional` here.
   */
  dpop?: DpopMode
}

// The real timer, taken before any test installs fake ones: the drain below waits on the wall clock, bounded.
const realSetTimeout = globalThis.setTimeout
/** Requests the mock has received and not yet answered (or seen fail). */
const inFlight = new Set<string>()
server.events.on('request:start', ({ requestId }) => void inFlight.add(requestId))
server.events.on('request:end', ({ requestId }) => void inFlight.delete(requestId))
server.events.on('unhandledException', ({ requestId }) => void inFlight.delete(requestId))

/**
 * Waits until every request the last test started has been answered, then one more task for the page's XHR to
 * deliver it: a request that outlives its test would otherwise land after jsdom's window is gone
 * ("ProgressEvent is not defined"), or in the next test. Bounded (a `failNext(…, 'timeout')` never answers).
 */
async function drainRequests(maxMs = 2_000): Promise<void> {
  const until = Date.now() + maxMs
  while (inFlight.size > 0 && Date.now() < until) await new Promise((resolve) => realSetTimeout(resolve, 5))
  inFlight.clear()
  await new Promise((resolve) => realSetTimeout(resolve, 0))
}

/**
 * Starts this file's mock around its tests: listen (unhandled requests are errors), a fresh mock before each test,
 * requests still in flight answered before the next test (bounded), per-test `server.use` overrides dropped after each,
 * close at the end.
 *
 * @example
 * const { mockControl } = useMockServer({ dpop: 'optional' })
 * it('refreshes after an hour', async () => { await mockControl.advanceClock(3_600_000); ... })
 */
export function useMockServer(options: UseMockServerOptions = {}) {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  beforeEach(async () => {
    await mockControl.reset()
    if (options.dpop !== undefined) await mockControl.configure({ dpop: options.dpop })
  })
  afterEach(async () => {
    await drainRequests()
    server.resetHandlers()
  })
  afterAll(() => server.close())
  return { server, mockControl }
}
