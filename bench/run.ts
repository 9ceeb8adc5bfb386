import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { runReloadBench } from './browser/reload-bench'
import { measureBundles } from './bundle/measure-bundles'
import { readSizeBudget } from './bundle/size-budget'
import { contestants } from './contestants'
import { measureDpopCost, type DpopBenchOptions } from './dpop/measure-dpop'
import { describeMachine } from './lib/machine'
import { runMemoryBench } from './memory/memory-bench'
import { measureHotPath } from './overhead/hot-path'
import { runOverheadBench, type OverheadOptions } from './overhead/overhead-bench'
import { runRefreshBench } from './refresh/refresh-bench'
import { scenarios } from './refresh/scenarios'
import { browserReading, browserSection } from './report/browser-section'
import { bundleReading, bundleSection } from './report/bundle-section'
import { dpopReading, dpopSection } from './report/dpop-section'
import { memoryReading, memorySection } from './report/memory-section'
import { overheadReading, overheadSection } from './report/overhead-section'
import { refreshReading, refreshSection } from './report/refresh-section'
import { renderReport } from './report/write-report'

/**
 * `npm run bench`: every measurement in one run, printed and written to BENCHMARKS.md. The pure
 * in-process measurements run first, before msw/node patches the network modules.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const log = (line: string) => console.error(`[bench] ${line}`)
const started = performance.now()
const machine = describeMachine()

const overheadOptions: OverheadOptions = { runs: 150, iterations: 200, warmup: 5000 }
log(`overhead: ${overheadOptions.runs} rounds × ${overheadOptions.iterations} requests per client`)
const overhead = await runOverheadBench(contestants, overheadOptions)
const hotPath = measureHotPath()

const dpopOptions: DpopBenchOptions = { iterations: 2000, warmup: 500 }
log(`dpop: ${dpopOptions.iterations} timings per step, proofs beside Bearer`)
const dpop = await measureDpopCost(dpopOptions)

log('memory: 100 / 10,000 / 20,000 refresh cycles per client')
const memory = await runMemoryBench(contestants, { smallCycles: 100, middleCycles: 10_000, largeCycles: 20_000 })

log(`refresh: ${scenarios.length} scenarios × ${contestants.length} clients against the mock`)
const refresh = await runRefreshBench(contestants, scenarios, log)

log('bundle: vite build and library bundles')
const bundles = await measureBundles(root, { comparisons: true, keepBuild: true })
const budget = await readSizeBudget(path.join(root, 'size-budget.json'))

log('browser: reloads in Chromium')
const reload = await runReloadBench(root, bundles.builtApp)
if (bundles.builtApp) await rm(bundles.builtApp, { recursive: true, force: true })

const report = renderReport({
  machine,
  durationSeconds: (performance.now() - started) / 1000,
  reading: [
    refreshReading(contestants, refresh),
    overheadReading(overhead, hotPath),
    dpopReading(dpop),
    memoryReading(memory),
    bundleReading(bundles),
    browserReading(reload),
  ],
  sections: [
    refreshSection(contestants, refresh),
    overheadSection(overhead, overheadOptions, hotPath),
    dpopSection(dpop, dpopOptions),
    memorySection(memory),
    bundleSection(bundles, budget),
    browserSection(reload),
    // Issue 24's before and after, by hand-run scripts (`npm run bench:first-paint`, `npm run bench:lighthouse`).
    await readFile(path.join(root, 'bench/report/first-paint-history.md'), 'utf8'),
    '## Contestants\n\n' + contestants.map((c) => `- **${c.name}**: ${c.description}`).join('\n'),
  ],
})
await writeFile(path.join(root, 'BENCHMARKS.md'), report)
console.log(report)
log(`written to BENCHMARKS.md in ${Math.round((performance.now() - started) / 1000)} s`)
