import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { mockControl, server } from './index'

/**
 * Starts this file's mock around its tests: listen (unhandled requests are errors), a fresh mock before each test,
 * per-test `server.use` overrides dropped after each, close at the end.
 *
 * @example
 * const { mockControl } = useMockServer()
 * it('refreshes after an hour', async () => { await mockControl.advanceClock(3_600_000); ... })
 */
export function useMockServer() {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  beforeEach(() => mockControl.reset())
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())
  return { server, mockControl }
}
