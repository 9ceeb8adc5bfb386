import { parseConfigPatch, type MockConfig } from './config'
import { InvalidMockControlError } from './errors'
import { parseFailureRequest, type FailableEndpoint, type FailureKind } from './failures'
import type { MockRuntime } from './runtime'
import type { MockStats } from './stats'

/** The mock's knobs: the same methods in tests, as `window.__mock`, and over HTTP at `/__mock/*`. */
export interface MockControl {
  /** Fresh database (demo user and posts), default config, clock back to real time, counters zero, a new signing secret. */
  reset(): Promise<void>
  /** Moves the server clock forward; a negative value throws InvalidMockControlError. */
  advanceClock(ms: number): Promise<void>
  /** Token lifetimes, idle lifetime, reuse interval, DPoP mode, and latency added to every API response. */
  configure(config: Partial<MockConfig>): Promise<void>
  /** The next `times` calls of `endpoint` answer with `kind`; calls queue behind earlier ones. */
  failNext(endpoint: FailableEndpoint, kind: FailureKind, times?: number): Promise<void>
  stats(): Promise<MockStats>
}

export function createMockControl(runtime: MockRuntime): MockControl {
  return {
    reset: () => runtime.reset(),
    async advanceClock(ms) {
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
        throw new InvalidMockControlError(`advanceClock takes a non-negative number of milliseconds, got ${String(ms)}`)
      }
      await runtime.state()
      runtime.clock.advance(ms)
      runtime.persist()
    },
    async configure(config) {
      const patch = parseConfigPatch(config)
      const state = await runtime.state()
      state.config = { ...state.config, ...patch }
      runtime.persist()
    },
    async failNext(endpoint, kind, times) {
      const request = parseFailureRequest(endpoint, kind, times)
      const state = await runtime.state()
      for (let i = 0; i < request.times; i++) state.failures[request.endpoint].push(request.kind)
      runtime.persist()
    },
    async stats() {
      return structuredClone((await runtime.state()).stats)
    },
  }
}
