/**
 * `npm run test:stress`: the whole Vitest suite, three times at once, as CI on a loaded developer machine meets it.
 * Each run is its own `vitest run` process; they start together and compete for the CPU. Prints each run's
 * summary (its plain `Tests:` line, its duration, the tests that failed) and exits non-zero if any run failed.
 * A run's full output is kept in a log file, named in the summary.
 *
 * `npm run test:stress` · `npm run test:stress -- --runs 4` · `npm run test:stress -- src/auth` (arguments other
 * than `--runs N` go to each `vitest run`).
 */
import { spawn } from 'node:child_process'
import { createWriteStream, mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const args = process.argv.slice(2)
const runsAt = args.indexOf('--runs')
const runs = runsAt === -1 ? 3 : Number(args[runsAt + 1])
const vitestArgs = runsAt === -1 ? args : [...args.slice(0, runsAt), ...args.slice(runsAt + 2)]
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a whole number, not ${args[runsAt + 1]}`)

// Vitest's own bin (what `npx vitest` runs), started with this Node.
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs')
const logs = mkdtempSync(join(tmpdir(), 'test-stress-'))

interface RunResult {
  run: number
  code: number | null
  seconds: number
  summary: string
  failures: string[]
  log: string
}

function runSuite(run: number): Promise<RunResult> {
  const started = performance.now()
  const child = spawn(process.execPath, [vitest, 'run', ...vitestArgs], {
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', CI: process.env.CI ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // Written as it comes, so a long run can be followed (`tail -f`).
  const log = join(logs, `run-${run}.log`)
  const file = createWriteStream(log)
  let output = ''
  const keep = (chunk: Buffer) => {
    output += chunk.toString()
    file.write(chunk)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  return new Promise((resolve) => {
    child.on('close', (code) => {
      file.end()
      const lines = output.split('\n')
      resolve({
        run,
        code,
        seconds: Math.round((performance.now() - started) / 1000),
        summary: lines.findLast((line) => line.startsWith('Tests: ')) ?? 'no summary line (the run did not finish)',
        failures: [...new Set(lines.filter((line) => line.startsWith(' FAIL ')).map((line) => line.trim()))],
        log,
      })
    })
  })
}

console.log(`test:stress: ${runs} runs of \`vitest run${vitestArgs.length ? ` ${vitestArgs.join(' ')}` : ''}\` at once; logs in ${logs}`)
const results = await Promise.all(Array.from({ length: runs }, (_, i) => runSuite(i + 1)))
for (const result of results) {
  const verdict = result.code === 0 ? 'passed' : `FAILED (exit ${result.code})`
  console.log(`run ${result.run}: ${verdict} in ${result.seconds} s — ${result.summary} — ${result.log}`)
  for (const failure of result.failures) console.log(`  ${failure}`)
}
const failed = results.filter((result) => result.code !== 0)
console.log(failed.length === 0 ? `test:stress: all ${runs} runs passed` : `test:stress: ${failed.length} of ${runs} runs failed`)
process.exitCode = failed.length === 0 ? 0 : 1
