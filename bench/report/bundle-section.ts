import type { Bundles } from '../bundle/measure-bundles'
import type { SizeBudget } from '../bundle/size-budget'
import { formatBytes, markdownTable } from '../lib/markdown'

export function bundleSection(bundles: Bundles, budget: SizeBudget): string {
  const rows = [
    ...bundles.app.javascript.map((file) => [`app: ${file.file}`, formatBytes(file.bytes), formatBytes(file.gzipBytes), '']),
    ['**app JavaScript, total**', formatBytes(bundles.app.javascript.reduce((s, f) => s + f.bytes, 0)), `**${formatBytes(bundles.app.totalGzipBytes)}**`, formatBytes(budget.budgets.appJavaScript.maxGzipBytes)],
    ['**auth core** (`silent-refresh`, axios and jose external, dpop bundled in)', formatBytes(bundles.authCore.bytes), `**${formatBytes(bundles.authCore.gzipBytes)}**`, formatBytes(budget.budgets.authCore.maxGzipBytes)],
    ...bundles.comparisons.map(({ label, size }) => [label, formatBytes(size.bytes), formatBytes(size.gzipBytes), '']),
  ]
  const msw =
    bundles.app.mswFiles.length === 0
      ? 'No MSW code anywhere in the build.'
      : bundles.app.mswFiles
          .map(({ file, markers }) => {
            const known = budget.knownMswFiles[file]
            return `- \`${file}\` holds MSW code (${markers.map((m) => `\`${m}\``).join(', ')})${known ? `: allowed for now in size-budget.json — ${known}` : ': **not allowed** — `npm run size` fails'}`
          })
          .join('\n')
  const appMsw = bundles.app.mswFiles.filter(({ file }) => bundles.app.javascript.some((js) => js.file === file))
  return [
    '## Bundle',
    '',
    'Minified JavaScript, gzip -9. The app: `vite build` with the project\'s config. Libraries: the entry bundled alone by Vite in library mode. Budgets: `size-budget.json`, enforced by `npm run size`.',
    '',
    markdownTable(['bundle', 'minified', 'gzip', 'budget (gzip)'], rows),
    '',
    `MSW: ${appMsw.length === 0 ? 'none in the JavaScript the app loads.' : '**found in the JavaScript the app loads.**'}`,
    '',
    msw,
  ].join('\n')
}

export function bundleReading(bundles: Bundles): string {
  const appMsw = bundles.app.mswFiles.some(({ file }) => bundles.app.javascript.some((js) => js.file === file))
  const other = bundles.app.mswFiles.filter(({ file }) => !bundles.app.javascript.some((js) => js.file === file)).map(({ file }) => `\`${file}\``)
  return `Bundle: the app ships ${formatBytes(bundles.app.totalGzipBytes)} of gzipped JavaScript, of which the auth core is ${formatBytes(bundles.authCore.gzipBytes)} (plus axios, jose and dpop, the libraries it uses). ${appMsw ? 'MSW code was found in the app\'s JavaScript.' : 'No MSW code in the app\'s JavaScript'}${other.length > 0 ? `; the build directory still holds ${other.join(', ')}, copied from public/ (never registered in production, but shipped).` : '.'}`
}
