import { describeMachine } from '../lib/machine'
import { dpopReading, dpopSection } from '../report/dpop-section'
import { measureDpopCost, type DpopBenchOptions } from './measure-dpop'

/**
 * `npx tsx bench/dpop/dpop-bench.ts [iterations]`: the per-request cost of a DPoP proof beside a
 * Bearer header, printed as the BENCHMARKS.md section `npm run bench` writes.
 */
const iterations = Number(process.argv[2] ?? 2000)
const options: DpopBenchOptions = { iterations, warmup: Math.min(500, iterations) }
const machine = describeMachine()
console.error(`[bench] dpop: ${iterations} samples per row on ${machine.cpu} (${machine.cores} cores, load ${machine.loadAverage}), Node ${machine.node}`)
const rows = await measureDpopCost(options)
console.log(dpopReading(rows))
console.log('')
console.log(dpopSection(rows, options))
