import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/**
 * The core's import graph, type-only imports included (lint's `import-x/no-cycle` skips those): every relative
 * `import … from` and `export … from` of the core's source files (tests left out).
 */
const root = path.dirname(fileURLToPath(import.meta.url))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []
  })
}

function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null
  const base = path.resolve(path.dirname(from), specifier)
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (files.includes(candidate)) return candidate
  }
  throw new Error(`${path.relative(root, from)} imports ${specifier}, which is no file of the core`)
}

const files = sourceFiles(root)
const graph = new Map(
  files.map((file) => {
    const text = readFileSync(file, 'utf8')
    const specifiers = [...text.matchAll(/^(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]/gms)].map((match) => match[1]!)
    return [file, specifiers.map((specifier) => resolve(file, specifier)).filter((target): target is string => target !== null)]
  }),
)

/** The first import circle found, as the files it runs through, or null. */
function findCycle(): string[] | null {
  const state = new Map<string, 'open' | 'done'>()
  const trail: string[] = []
  const visit = (file: string): string[] | null => {
    if (state.get(file) === 'done') return null
    if (state.get(file) === 'open') return [...trail.slice(trail.indexOf(file)), file]
    state.set(file, 'open')
    trail.push(file)
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    trail.pop()
    state.set(file, 'done')
    return null
  }
  for (const file of files) {
    const cycle = visit(file)
    if (cycle) return cycle
  }
  return null
}

describe("the core's layout", () => {
  it('has no import circle, type-only imports included', () => {
    expect(findCycle()?.map((file) => path.relative(root, file))).toBeUndefined()
  })

  it('a GET → 401 → refresh → replay runs through at most 8 source files', () => {
    // The interceptors, the refresh, and what they reach at run time (not the wiring in create-auth-client.ts).
    const reached = new Set<string>()
    const walk = (file: string) => {
      if (reached.has(file)) return
      reached.add(file)
      for (const next of graph.get(file) ?? []) if (!next.includes(`${path.sep}dpop${path.sep}`)) walk(next)
    }
    walk(path.join(root, 'request.ts'))
    walk(path.join(root, 'refresh.ts'))
    expect([...reached].map((file) => path.relative(root, file)).sort()).toEqual(['backend-profile.ts', 'errors.ts', 'http.ts', 'refresh.ts', 'request.ts', 'session.ts', 'token.ts', 'types.ts'])
  })
})
