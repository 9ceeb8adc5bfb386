import type { Machine } from '../lib/machine'

export interface ReportParts {
  machine: Machine
  durationSeconds: number
  reading: string[]
  sections: string[]
}

/** BENCHMARKS.md: what ran where, the reading first, then every table. */
export function renderReport({ machine, durationSeconds, reading, sections }: ReportParts): string {
  return [
    '# Benchmarks',
    '',
    '<!-- Written by `npm run bench` (bench/run.ts): edit the bench, not this file. -->',
    '',
    `Run on ${machine.date}: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}, load average ${machine.loadAverage} at the start; the whole run took ${Math.round(durationSeconds)} s. Figures compare within one run: timings move with the machine and its load, counts do not.`,
    '',
    '## Reading',
    '',
    ...reading.filter((line) => line !== '').flatMap((line) => [line, '']),
    ...sections.flatMap((section) => [section, '']),
  ].join('\n')
}
