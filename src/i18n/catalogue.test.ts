import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { inspectorEn, inspectorKo } from '../features/inspector/messages'
import { en, ko } from './index'

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
/** The app people meet, and the inspector (mock mode only: its catalogue lives with it, out of the production build). */
const SCANNED = ['app', 'features/auth', 'features/board', 'features/profile', 'features/session-warning', 'features/inspector', 'lib/components']

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return tsxFiles(full)
    return full.endsWith('.tsx') && !full.endsWith('.test.tsx') ? [full] : []
  })
}

/** Text between JSX tags with a letter in it (not an expression), and literal user-facing attributes. */
function literalsIn(source: string): string[] {
  const withoutCode = source.replace(/<code>[^<]*<\/code>/g, '<code></code>')
  const text = [...withoutCode.matchAll(/(?<![=/])>([^<>{}();=]*\p{L}[^<>{}();=]*)</gu)].map((m) => m[1]!.trim())
  const attributes = [...withoutCode.matchAll(/\b(label|hint|aria-label|title|placeholder|alt)="([^"]+)"/g)].map((m) => `${m[1]}="${m[2]}"`)
  return [...text, ...attributes]
}

function shape(value: unknown): unknown {
  if (typeof value === 'function') return `function/${value.length}`
  if (typeof value === 'string') return 'string'
  return Object.fromEntries(Object.entries(value as object).map(([key, inner]) => [key, shape(inner)]))
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (typeof value === 'function') return []
  return Object.values(value as object).flatMap(strings)
}

describe('the string catalogue', () => {
  it('holds every user-facing string: no text literal in the components', () => {
    const found = SCANNED.flatMap((dir) => tsxFiles(path.join(SRC, dir))).flatMap((file) =>
      literalsIn(readFileSync(file, 'utf8')).map((literal) => `${path.relative(SRC, file)}: ${literal}`),
    )
    expect(found).toEqual([])
  })

  it('finds a literal when there is one (the scan itself works)', () => {
    expect(literalsIn('<p>Hello there</p><TextField label="Name" /><p>{t.ok}</p>')).toEqual(['Hello there', 'label="Name"'])
  })

  it('has Korean for every English key, with the same arguments', () => {
    expect(shape(ko)).toEqual(shape(en))
    expect(strings(ko).filter((s) => s.trim() === '')).toEqual([])
  })

  it("has the inspector's catalogue complete and translated too", () => {
    expect(shape(inspectorKo)).toEqual(shape(inspectorEn))
    const english = strings(inspectorEn)
    expect(strings(inspectorKo).filter((s, i) => s === english[i] || s.trim() === '')).toEqual([])
  })

  it('is really translated: Korean differs from English except for names', () => {
    const same = strings(ko).filter((s, i) => s === strings(en)[i])
    expect(same).toEqual(['Silent refresh'])
  })
})
