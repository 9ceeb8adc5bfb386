import type { Contestant } from '../contestants/contestant'
import { createInProcessApi } from '../lib/in-process-api'

export interface MemoryRow {
  name: string
  /** Heap used (bytes, after full GCs) after each number of refresh cycles. */
  heapAfterSmall: number
  heapAfterMiddle: number
  heapAfterLarge: number
  smallCycles: number
  middleCycles: number
  largeCycles: number
  /** Cycles whose request failed (should be 0) and refresh calls the server saw. */
  failedCycles: number
  refreshCalls: number
}

const ACCESS_TTL_MS = 60_000

function heapAfterGc(gc: () => void): number {
  for (let i = 0; i < 3; i++) gc()
  return process.memoryUsage().heapUsed
}

/**
 * Heap after N refresh cycles, in process. Cycles alternate: the token expires on both clocks (a
 * refresh before the request), or the server stops accepting it (401, refresh, replay).
 */
export async function runMemoryBench(
  contestants: readonly Contestant[],
  options: { smallCycles: number; middleCycles: number; largeCycles: number },
): Promise<MemoryRow[] | null> {
  const gc = globalThis.gc
  if (!gc) return null
  const rows: MemoryRow[] = []
  for (const contestant of contestants) {
    const api = createInProcessApi({ accessTtlMs: ACCESS_TTL_MS })
    const session = contestant.create({ baseURL: 'http://localhost/api', adapter: api.adapter, now: () => api.clock.now })
    await session.login({ email: 'demo@example.com', password: 'unused' })
    let failedCycles = 0
    const cycle = async (i: number) => {
      if (i % 2 === 0) api.clock.now += ACCESS_TTL_MS + 1000
      else api.revokeAccessToken()
      await session.http.get('/me').catch(() => failedCycles++)
    }
    for (let i = 0; i < options.smallCycles; i++) await cycle(i)
    const heapAfterSmall = heapAfterGc(gc)
    for (let i = options.smallCycles; i < options.middleCycles; i++) await cycle(i)
    const heapAfterMiddle = heapAfterGc(gc)
    for (let i = options.middleCycles; i < options.largeCycles; i++) await cycle(i)
    const heapAfterLarge = heapAfterGc(gc)
    rows.push({ name: contestant.name, heapAfterSmall, heapAfterMiddle, heapAfterLarge, ...options, failedCycles, refreshCalls: api.refreshCalls })
    session.dispose()
  }
  return rows
}
