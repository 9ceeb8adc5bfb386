import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/**
 * The package README is its reference on npm (only dist/ is published besides it): every name an entry exports is
 * named there, as code (`name`, `name(…)` or `<Name …>`), and a name marked `@deprecated` is not recommended there.
 */
const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')
const readme = read('../README.md')

const ENTRIES = {
  'silent-refresh': './core/index.ts',
  'silent-refresh/react': './react/index.ts',
  'silent-refresh/recoil': './recoil/index.ts',
  'silent-refresh/testing': './testing/index.ts',
  'silent-refresh/boot': './boot/index.ts',
}

/** The names a module exports: `export { a, type b } from`, `export type { … }`, and exported declarations. */
function exportedNames(source: string): string[] {
  const listed = [...source.matchAll(/^export (?:type )?\{([^}]*)\}/gm)].flatMap((match) =>
    match[1]!.split(',').map((part) => part.trim().replace(/^type\s+/, '').split(/\s+as\s+/).at(-1)!).filter(Boolean),
  )
  const declared = [...source.matchAll(/^export (?:async )?(?:function|const|interface|type|class) (\w+)/gm)].map((match) => match[1]!)
  return [...new Set([...listed, ...declared])].sort()
}

/** The names whose declaration in the core's types carries `@deprecated`. */
const deprecated = [...read('./core/types.ts').matchAll(/@deprecated[^\n]*\*\/\s*export (?:type|interface|const|function) (\w+)/g)].map((match) => match[1]!)

const namedInReadme = (name: string) => new RegExp(`\`<?${name}\\b`).test(readme)

describe('the package README names every export', () => {
  it.each(Object.entries(ENTRIES))('%s', (_, path) => {
    const names = exportedNames(read(path)).filter((name) => !deprecated.includes(name))
    expect(names.length).toBeGreaterThan(0)
    expect(names.filter((name) => !namedInReadme(name))).toEqual([])
  })

  it('and recommends no deprecated one', () => {
    expect(deprecated).toContain('ClientTimers')
    expect(deprecated.filter(namedInReadme)).toEqual([])
  })
})
