import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildApp } from '../bundle/build-app'
import { browserSection } from '../report/browser-section'
import { runReloadBench } from './reload-bench'

/**
 * Only the browser section of `npm run bench`: builds the app into a temporary directory, runs the reload
 * bench in Chromium and prints its section (BENCHMARKS.md is left alone).
 * `node --import tsx bench/browser/run-reload.ts`
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const outDir = await mkdtemp(path.join(os.tmpdir(), 'silent-refresh-reload-'))
try {
  await buildApp(root, outDir)
  console.log(browserSection(await runReloadBench(root, outDir)))
} finally {
  await rm(outDir, { recursive: true, force: true })
}
