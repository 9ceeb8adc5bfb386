import type { MockControl } from '../../packages/silent-refresh/src/testing/server/core/control'
import type { MockStats } from '../../packages/silent-refresh/src/testing/server/core/stats'
import { InvalidMockControlError } from '../../packages/silent-refresh/src/testing/server/core/errors'

/** `MockControl` over `/__mock/*`; a 400 rejects like the in-process control does. */
export function createHttpControl(baseUrl: () => string): MockControl {
  async function post(path: string, body?: unknown): Promise<void> {
    const response = await fetch(`${baseUrl()}/__mock/${path}`, {
      method: 'POST',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (response.status === 400) throw new InvalidMockControlError(((await response.json()) as { message: string }).message)
    if (!response.ok) throw new Error(`/__mock/${path} answered ${response.status}`)
  }
  return {
    reset: () => post('reset'),
    advanceClock: (ms) => post('clock', { advanceMs: ms }),
    configure: (config) => post('config', config),
    failNext: (endpoint, kind, times) => post('fail', { endpoint, kind, times }),
    async stats() {
      return (await (await fetch(`${baseUrl()}/__mock/stats`)).json()) as MockStats
    },
  }
}
