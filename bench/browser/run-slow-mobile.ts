import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildApp } from '../bundle/build-app'
import { bootStepsTable, slowMobileTable } from '../report/browser-section'
import { DEMO, withServedBuild } from './serve-build'
import { runSlowMobileMatrix, writeFloorPage } from './slow-mobile'

/**
 * Only the slow-mobile first-paint matrix (part of `npm run bench`'s browser section): builds the app into a
 * temporary directory, serves it with the mock and prints the table. BENCHMARKS.md is left alone.
 * `node --import tsx bench/browser/run-slow-mobile.ts [runs]`
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const runs = Number(process.argv[2] ?? 5)
const outDir = await mkdtemp(path.join(os.tmpdir(), 'silent-refresh-slow-mobile-'))
try {
  await buildApp(root, outDir)
  await writeFloorPage(outDir)
  const cells = await withServedBuild(root, outDir, async ({ appUrl, mock, browser }) =>
    runSlowMobileMatrix({ appUrl, mock, browser: await browser(), user: DEMO, runs, floor: true }))
  console.log(`${slowMobileTable(cells)}\n\n${bootStepsTable(cells)}`)
} finally {
  await rm(outDir, { recursive: true, force: true })
}
