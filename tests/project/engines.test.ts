import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

// semver comes with the toolchain (no types of its own here): the two functions this test needs.
const semver = createRequire(import.meta.url)('semver') as {
  minVersion(range: string): { version: string } | null
  satisfies(version: string, range: string): boolean
}

const root = new URL('../../', import.meta.url)
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } }
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>
}

describe("package.json's engines", () => {
  it('every installed package runs on the oldest Node the project says it supports', () => {
    const oldest = semver.minVersion(manifest.engines.node)!.version
    const refusing = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && !entry.optional && !Array.isArray(entry.engines) && entry.engines?.node)
      .filter(([, entry]) => !semver.satisfies(oldest, (entry.engines as { node: string }).node))
      .map(([path, entry]) => `${path.replace(/^node_modules\//, '')} wants Node ${(entry.engines as { node: string }).node}`)
    expect(oldest).toBe('20.19.0')
    expect(refusing).toEqual([])
  })
})
