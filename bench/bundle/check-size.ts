import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { formatBytes } from '../lib/markdown'
import { measureBundles } from './measure-bundles'
import { judgeBudgets, readSizeBudget } from './size-budget'

/**
 * `npm run size` (CI): builds the app, measures it, and exits 1 when a gzip budget of
 * size-budget.json is exceeded or MSW code turns up in the build outside the files it allows.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const budget = await readSizeBudget(path.join(root, 'size-budget.json'))
const bundles = await measureBundles(root, { comparisons: false })
const verdicts = judgeBudgets(budget, { appJavaScript: bundles.app.totalGzipBytes, authCore: bundles.authCore.gzipBytes, bootModule: bundles.app.boot.gzipBytes })

let failed = false
for (const verdict of verdicts) {
  const line = `${verdict.name}: ${formatBytes(verdict.gzipBytes)} gzip (budget ${formatBytes(verdict.maxGzipBytes)})`
  if (verdict.ok) {
    console.log(`ok    ${line}`)
    if (verdict.gzipBytes < verdict.maxGzipBytes * 0.9) console.log(`      well under budget: lower it to about ${Math.ceil((verdict.gzipBytes * 1.03) / 100) * 100} bytes`)
  } else {
    failed = true
    console.error(`FAIL  ${line}: ${verdict.gzipBytes - verdict.maxGzipBytes} bytes over`)
  }
}
for (const file of bundles.app.javascript) console.log(`      ${file.file}: ${formatBytes(file.gzipBytes)} gzip`)
console.log(`      page's first module and its static imports: ${bundles.app.boot.files.join(', ')}`)

for (const { file, markers } of bundles.app.mswFiles) {
  const reason = budget.knownMswFiles[file.split(path.sep).join('/')]
  if (reason) {
    console.log(`note  ${file} holds MSW code (${markers.join(', ')}), allowed by size-budget.json: ${reason}`)
  } else {
    failed = true
    console.error(`FAIL  ${file} holds MSW code (${markers.join(', ')}): the production build must not ship the mock`)
  }
}
const found = new Set(bundles.app.mswFiles.map(({ file }) => file.split(path.sep).join('/')))
for (const file of Object.keys(budget.knownMswFiles)) {
  if (!found.has(file)) console.log(`note  ${file} is allowed MSW code in size-budget.json but no longer in the build: remove the entry`)
}
process.exitCode = failed ? 1 : 0
