import { formatBytes, markdownTable } from '../lib/markdown'
import type { MemoryRow } from '../memory/memory-bench'

const growth = (row: MemoryRow, from: 'small' | 'middle') =>
  from === 'small' ? row.heapAfterMiddle - row.heapAfterSmall : row.heapAfterLarge - row.heapAfterMiddle

export function memorySection(rows: readonly MemoryRow[] | null): string {
  if (!rows) return '## Memory\n\nSkipped: node was started without `--expose-gc` (run `npm run bench`).'
  const first = rows[0]
  if (!first) return ''
  const { smallCycles: a, middleCycles: b, largeCycles: c } = first
  return [
    '## Memory',
    '',
    `Heap used after full garbage collections, in process (instant adapter, 60 s tokens). Cycles alternate between a token expired on both clocks (refresh, then the request) and a token the server stopped accepting (401, refresh, replay). The issue compares ${a} with ${b.toLocaleString('en')} cycles; the ${b.toLocaleString('en')} → ${c.toLocaleString('en')} column tells a leak (which keeps growing) from warm-up (V8's compiled code and feedback, which stops).`,
    '',
    markdownTable(
      ['client', `heap after ${a}`, `after ${b.toLocaleString('en')}`, `after ${c.toLocaleString('en')}`, `growth ${a} → ${b.toLocaleString('en')}`, `growth ${b.toLocaleString('en')} → ${c.toLocaleString('en')}`, 'refresh calls', 'failed cycles'],
      rows.map((row) => [
        row.name,
        formatBytes(row.heapAfterSmall),
        formatBytes(row.heapAfterMiddle),
        formatBytes(row.heapAfterLarge),
        formatBytes(growth(row, 'small')),
        formatBytes(growth(row, 'middle')),
        String(row.refreshCalls),
        String(row.failedCycles),
      ]),
    ),
  ].join('\n')
}

export function memoryReading(rows: readonly MemoryRow[] | null): string {
  const ours = rows?.find((row) => row.name === 'ours')
  if (!ours) return ''
  const late = growth(ours, 'middle')
  const perThousand = (late / ((ours.largeCycles - ours.middleCycles) / 1000))
  const leaking = perThousand >= 10 * 1024
  return `Memory: ours' heap grew ${formatBytes(growth(ours, 'small'))} from ${ours.smallCycles} to ${ours.middleCycles.toLocaleString('en')} refresh cycles and ${formatBytes(late)} over the next ${(ours.largeCycles - ours.middleCycles).toLocaleString('en')} (${formatBytes(Math.round(perThousand))} per 1,000 cycles). ${leaking ? 'It keeps growing: something is kept per refresh.' : 'A listener, timer or queue entry left behind per refresh would keep at least ~100 bytes each time, 100 KiB per 1,000 cycles: none is; the first growth is warm-up.'} ${ours.failedCycles === 0 ? 'Every cycle succeeded' : `${ours.failedCycles} cycles failed`}, with ${ours.refreshCalls.toLocaleString('en')} refresh calls.`
}
