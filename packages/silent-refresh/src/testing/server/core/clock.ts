/** The mock server's clock: real time plus an offset that only `advance` moves, so tokens expire without waiting. */
export interface MockClock {
  now(): number
  offsetMs(): number
  advance(ms: number): void
  restore(offsetMs: number): void
  reset(): void
}

export function createClock(realNow: () => number = Date.now): MockClock {
  let offset = 0
  return {
    now: () => realNow() + offset,
    offsetMs: () => offset,
    advance(ms) {
      offset += ms
    },
    restore(offsetMs) {
      offset = offsetMs
    },
    reset() {
      offset = 0
    },
  }
}

export function toEpochSeconds(ms: number): number {
  return Math.floor(ms / 1000)
}
