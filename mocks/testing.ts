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

/**
 * Starts this file's mock around its tests: listen (unhandled requests are errors), a fresh mock before each test,
 * per-test `server.use` overrides dropped after each, close at the end.
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
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())
  return { server, mockControl }
}
