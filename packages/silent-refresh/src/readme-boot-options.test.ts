import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/**
 * The README's `silent-refresh/boot` section is where a newcomer wires the page's first module: its options table
 * lists every field of `StartRefreshEarlyOptions` (a profile other than the default needs `refreshURL`, `headers`
 * and `body`; a second newcomer pass found `body` named only in the profile section, not in the table).
 */
const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')
const readme = read('../README.md')
const source = read('./boot/index.ts')

const fields = [...(/export interface StartRefreshEarlyOptions \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '').matchAll(/^ {2}(\w+)\?:/gm)].map((m) => m[1]!)
const section = /## `silent-refresh\/boot`[\s\S]*?(?=\n## )/.exec(readme)?.[0] ?? ''
/** The names in the first cell of each table row: `` | `a`, `b` | … | `` */
const tabled = [...section.matchAll(/^\| ([^|]+) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`(\w+)`/g)].map((n) => n[1]!))

describe("the README's boot options table", () => {
  it('lists every StartRefreshEarlyOptions field', () => {
    expect(fields).toContain('refreshURL')
    expect(fields.filter((field) => !tabled.includes(field))).toEqual([])
  })
})
