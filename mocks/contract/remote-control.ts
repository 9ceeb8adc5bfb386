import { getCurrentTest } from 'vitest/suite'
import type { MockControl } from '../../packages/silent-refresh/src/testing/server/core/control'
import { createHttpControl } from './http-control'

export interface RemoteControls {
  /** `POST /__mock/reset` answers 2xx: each test can start from the seeded database. */
  reset: boolean
  /** `GET /__mock/stats` answers JSON: the other controls (clock, config, fail, stats) are taken to be there too. */
  others: boolean
}

/** Which of the mock's controls the server under test exposes. */
export async function probeControls(baseUrl: string): Promise<RemoteControls> {
  const ok = async (request: Promise<Response>, json = false) => {
    try {
      const response = await request
      return response.ok && (!json || (response.headers.get('content-type') ?? '').includes('json'))
    } catch {
      return false
    }
  }
  return {
    reset: await ok(fetch(`${baseUrl}/__mock/reset`, { method: 'POST' })),
    others: await ok(fetch(`${baseUrl}/__mock/stats`), true),
  }
}

function skipCurrentTest(what: string): never {
  const test = getCurrentTest()
  if (!test) throw new Error(`${what} needs the /__mock controls, which this server does not expose`)
  test.context.skip(`${what} needs the /__mock controls, which this server does not expose`)
  throw new Error('unreachable: skip() throws')
}

/**
 * The controls of a server under test over `/__mock/*`. Without the clock, config, fail and stats controls, a test that
 * asks for one of them is skipped (a real backend may not move its clock or inject failures). `reset()` is required.
 */
export function createRemoteControl(baseUrl: string, available: () => boolean): MockControl {
  const http = createHttpControl(() => baseUrl)
  return {
    reset: () => http.reset(),
    advanceClock: (ms) => (available() ? http.advanceClock(ms) : skipCurrentTest('advanceClock()')),
    configure: (config) => (available() ? http.configure(config) : skipCurrentTest('configure()')),
    failNext: (endpoint, kind, times) => (available() ? http.failNext(endpoint, kind, times) : skipCurrentTest('failNext()')),
    stats: () => (available() ? http.stats() : skipCurrentTest('stats()')),
  }
}
