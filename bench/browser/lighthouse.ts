import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { buildApp } from '../bundle/build-app'
import { markdownTable } from '../lib/markdown'
import { median } from '../lib/median'
import { CHROMIUM, withServedBuild } from './serve-build'

/**
 * Lighthouse 12 (the devDependency `lighthouse@12.2.3`) on the production build, mobile (its default: simulated
 * slow 4G and a 4× slower CPU) and desktop, for /login and /board, three runs each: the median run by performance
 * score, and its first contentful paint, largest contentful paint, total blocking time and layout shift. A fresh
 * browser profile each run: an anonymous first visit (/board sends it to the login page).
 * `node --import tsx bench/browser/lighthouse.ts [runs]`; prints the table, BENCHMARKS.md is left alone.
 */
const RUNS = Number(process.argv[2] ?? 3)
const ALL_PAGES = ['/login', '/board'] as const
const ALL_FORM_FACTORS = ['mobile', 'desktop'] as const
// `LIGHTHOUSE_ONLY=mobile` (or `desktop`, `/login`, `/board`, comma-separated) narrows the run while trying a change.
const only = (process.env.LIGHTHOUSE_ONLY ?? '').split(',').filter(Boolean)
const PAGES = ALL_PAGES.filter((page) => !only.some((o) => o.startsWith('/')) || only.includes(page))
const FORM_FACTORS = ALL_FORM_FACTORS.filter((factor) => !only.some((o) => !o.startsWith('/')) || only.includes(factor))
const run = promisify(execFile)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const lighthouseBin = path.join(root, 'node_modules/.bin/lighthouse')

interface LighthouseRun {
  performance: number
  accessibility: number
  bestPractices: number
  fcpMs: number
  lcpMs: number
  tbtMs: number
  cls: number
}

async function lighthouse(url: string, formFactor: (typeof FORM_FACTORS)[number], scratch: string): Promise<LighthouseRun> {
  const output = path.join(scratch, `lh-${Date.now()}.json`)
  await run(
    lighthouseBin,
    [
      url,
      '--quiet',
      '--output=json',
      `--output-path=${output}`,
      '--only-categories=performance,accessibility,best-practices',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
      ...(formFactor === 'desktop' ? ['--preset=desktop'] : []),
    ],
    { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 * 1024 * 1024 },
  )
  const report = JSON.parse(await readFile(output, 'utf8')) as {
    categories: Record<string, { score: number | null }>
    audits: Record<string, { numericValue?: number }>
  }
  const score = (name: string) => Math.round((report.categories[name]?.score ?? 0) * 100)
  const value = (name: string) => report.audits[name]?.numericValue ?? NaN
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    fcpMs: Math.round(value('first-contentful-paint')),
    lcpMs: Math.round(value('largest-contentful-paint')),
    tbtMs: Math.round(value('total-blocking-time')),
    cls: Math.round(value('cumulative-layout-shift') * 1000) / 1000,
  }
}

const outDir = await mkdtemp(path.join(os.tmpdir(), 'silent-refresh-lighthouse-'))
try {
  await buildApp(root, outDir)
  const rows = await withServedBuild(root, outDir, async ({ appUrl }) => {
    const result: string[][] = []
    for (const formFactor of FORM_FACTORS) {
      for (const page of PAGES) {
        const runs: LighthouseRun[] = []
        for (let i = 0; i < RUNS; i++) runs.push(await lighthouse(`${appUrl}${page}`, formFactor, outDir))
        const middle = median(runs.map((r) => r.performance))
        const typical = runs.find((r) => r.performance === middle) ?? runs[0]!
        console.error(`[lighthouse] ${formFactor} ${page}: ${runs.map((r) => r.performance).join(', ')}`)
        result.push([
          formFactor,
          `\`${page}\``,
          `**${middle}** (${runs.map((r) => r.performance).join(', ')})`,
          `${typical.fcpMs} ms`,
          `${typical.lcpMs} ms`,
          `${typical.tbtMs} ms`,
          String(typical.cls),
          String(median(runs.map((r) => r.accessibility))),
          String(median(runs.map((r) => r.bestPractices))),
        ])
      }
    }
    return result
  })
  console.log(
    [
      `### Lighthouse 12.2.3 (median of ${RUNS} runs)`,
      '',
      markdownTable(['form factor', 'page', 'performance (runs)', 'first contentful paint', 'largest contentful paint', 'total blocking time', 'layout shift', 'accessibility', 'best practices'], rows),
    ].join('\n'),
  )
} finally {
  await rm(outDir, { recursive: true, force: true })
}
