import axios from 'axios'
import type { Contestant } from '../contestants/contestant'
import { createInstantAdapter } from '../lib/instant-adapter'
import { median, quantile } from '../lib/median'

export interface OverheadRow {
  name: string
  /** What the row is for: a contestant, the baseline, or a reference that isolates one cost. */
  kind: 'baseline' | 'reference' | 'contestant'
  /** Median over runs of microseconds per request. */
  microsPerRequest: number
  /** Per-run figures, to show the spread. */
  runs: number[]
  /** Median over runs of this variant's time divided by bare axios's in the same run. */
  ratio: number
  /** 25th and 75th percentile of the paired ratios: how much the machine's noise moved them. */
  ratioQuartiles: readonly [number, number]
  /** 10th percentile of block times: the speed when no other process got in the way. */
  fastDecileMicros: number
  /** `fastDecileMicros` over bare axios's. */
  fastDecileRatio: number
}

export interface OverheadOptions {
  /** Rounds: each times every variant once. */
  runs: number
  /** Sequential requests per variant and round. */
  iterations: number
  /** Requests per variant before timing starts (JIT). */
  warmup: number
}

interface Variant {
  name: string
  kind: OverheadRow['kind']
  request(): Promise<unknown>
}

const BASE_URL = 'http://localhost/api'
const SAMPLE_AUTHORIZATION = `Bearer ${'x'.repeat(300)}`

/** What sending a token costs by itself, and what axios's interceptor machinery costs by itself. */
function references(): Variant[] {
  const withHeader = axios.create({ baseURL: BASE_URL, adapter: createInstantAdapter() })
  const noOps = axios.create({ baseURL: BASE_URL, adapter: createInstantAdapter() })
  noOps.interceptors.request.use((config) => config)
  noOps.interceptors.response.use(undefined, (error: unknown) => Promise.reject(error))
  return [
    { name: 'bare axios, Authorization passed per request', kind: 'reference', request: () => withHeader.get('/me', { headers: { Authorization: SAMPLE_AUTHORIZATION } }) },
    { name: 'bare axios + no-op request and response interceptors', kind: 'reference', request: () => noOps.get('/me') },
  ]
}

/** Collects garbage between runs when node runs with `--expose-gc`, so no run pays for another's. */
function collectGarbage(): void {
  globalThis.gc?.()
}

/** Wall-clock microseconds per request over a short block. */
async function timeRequests(request: () => Promise<unknown>, iterations: number): Promise<number> {
  const started = process.hrtime.bigint()
  for (let i = 0; i < iterations; i++) await request()
  return Number(process.hrtime.bigint() - started) / 1000 / iterations
}

/**
 * Time per request with a valid token: sequential requests through an adapter that answers at once.
 * Many short blocks, every variant once per round in a rotating order, so that the load of other
 * processes falls on all variants alike; a block another process interrupted is an outlier the
 * median drops, and ratios are paired within a round.
 */
export async function runOverheadBench(contestants: readonly Contestant[], options: OverheadOptions): Promise<OverheadRow[]> {
  const bare = axios.create({ baseURL: BASE_URL, adapter: createInstantAdapter() })
  const variants: Variant[] = [{ name: 'bare axios', kind: 'baseline', request: () => bare.get('/me') }]
  for (const contestant of contestants) {
    const session = contestant.create({ baseURL: BASE_URL, adapter: createInstantAdapter(), now: Date.now })
    await session.login({ email: 'demo@example.com', password: 'unused' })
    const sent = (await session.http.get('/me')).config.headers.get('Authorization')
    if (typeof sent !== 'string') throw new Error(`${contestant.name} sent no token: its overhead figure would mean nothing`)
    variants.push({ name: contestant.name, kind: 'contestant', request: () => session.http.get('/me') })
  }
  variants.push(...references())
  for (const variant of variants) await timeRequests(variant.request, options.warmup)

  const perVariant = variants.map(() => [] as number[])
  for (let run = 0; run < options.runs; run++) {
    if (run % 20 === 0) collectGarbage()
    for (let k = 0; k < variants.length; k++) {
      const index = (k + run) % variants.length
      perVariant[index]!.push(await timeRequests(variants[index]!.request, options.iterations))
    }
  }
  // Ratios are paired within a run: other processes' load shifts both sides of a pair alike.
  const baseline = perVariant[0]!
  const baselineFast = quantile(baseline, 0.1)
  return variants.map((variant, i) => {
    const runs = perVariant[i]!
    const ratios = runs.map((micros, run) => micros / baseline[run]!)
    return {
      name: variant.name,
      kind: variant.kind,
      microsPerRequest: median(runs),
      runs,
      ratio: median(ratios),
      ratioQuartiles: [quantile(ratios, 0.25), quantile(ratios, 0.75)] as const,
      fastDecileMicros: quantile(runs, 0.1),
      fastDecileRatio: quantile(runs, 0.1) / baselineFast,
    }
  })
}
