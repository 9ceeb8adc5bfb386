/**
 * The offset between the server's clock and the client's, learnt each time a token arrives.
 * Both sources are lower bounds of the server's time when the response was received
 * (`iat` and `Date` are whole seconds, taken before the response left): the later one wins.
 */
export interface ClockSkew {
  /** Records what a response says about the server's time (ms; `null` when unknown). */
  observe(serverTimes: { issuedAt: number | null; date: number | null }): void
  /** The server's present time as the client estimates it (ms). */
  serverNow(): number
  /** A time on the server's clock (ms) as this client's clock reads it. */
  toClientTime(serverTime: number): number
}

export function createClockSkew(now: () => number): ClockSkew {
  let offset = 0
  return {
    observe({ issuedAt, date }) {
      const candidates = [issuedAt, date].filter((t): t is number => t !== null && Number.isFinite(t))
      if (candidates.length === 0) return
      offset = Math.max(...candidates) - now()
    },
    serverNow: () => now() + offset,
    toClientTime: (serverTime) => serverTime - offset,
  }
}
