import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/**
 * The package README's "A complete profile: a typical Express backend" is this folder's profile.ts, which the other
 * tests here run against a server written that way and against the testing kit: the README shows what is tested.
 */
const readme = readFileSync(new URL('../../packages/silent-refresh/README.md', import.meta.url), 'utf8')
const profileFile = readFileSync(new URL('./profile.ts', import.meta.url), 'utf8')

/** The code without its comments and blank lines, each line trimmed: what the two copies must share. */
function code(source: string): string[] {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\/\/.*$/, '').trim())
    .filter((line) => line !== '')
}

describe("the package README's typical Express profile", () => {
  it('is examples/express-typical/profile.ts, comments aside', () => {
    const block = /```ts\n\/\/ backend-profile\.ts\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(block, 'the README has a ```ts block starting with // backend-profile.ts').toBeDefined()
    expect(code(block!)).toEqual(code(profileFile))
  })
})
