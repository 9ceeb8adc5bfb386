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

  it('Korean: whole sentences in one register (-해 주세요), 로그인 연장 for "Stay signed in", 0/200자', () => {
    const all = [
      ...strings(ko),
      ko.errors.offline(` ${ko.board.draftKept}`, ko.board.retryAction),
      ko.errors.unreachable('', ko.errors.tryAction),
      ko.errors.serverTrouble('', ko.board.retryAction),
      ko.errors.other('', ko.errors.tryAction),
      ko.sessionWarning.body('2분 후', '오후 3:00'),
      ko.sessionWarning.finalBody('오후 3:00'),
    ]
    // One register: requests end in -해 주세요, never -하세요 / -해 보세요.
    expect(all.filter((s) => /(?<!주)세요/.test(s))).toEqual([])
    // A retry is a whole phrase, not "게시를 … 시도해 주세요" stitched from fragments.
    expect(ko.errors.offline(` ${ko.board.draftKept}`, ko.board.retryAction)).toBe('오프라인 상태입니다. 작성 중인 글은 보관되어 있습니다. 연결이 돌아오면 다시 게시해 주세요.')
    expect(ko.errors.other('', ko.errors.tryAction)).toBe('문제가 발생했습니다. 다시 시도해 주세요.')
    expect(ko.sessionWarning.stay).toBe('로그인 연장')
    expect(ko.characterCount.used('0', '200')).toBe('0/200자')
  })
})
