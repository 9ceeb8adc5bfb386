import { describe, expect, it } from 'vitest'
import { safeReturnTo } from './safe-return-to'

describe('safeReturnTo', () => {
  it.each([
    ['/board', '/board'],
    ['/board?draft=1', '/board?draft=1'],
    ['/profile#top', '/profile#top'],
    ['/board/../profile', '/profile'],
    ['/a%20b', '/a%20b'],
  ])('keeps the same-origin path %s', (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected)
  })

  it.each([
    ['empty', ''],
    ['missing', null],
    ['absolute http URL', 'http://evil.com/profile'],
    ['absolute https URL', 'https://evil.com'],
    ['protocol-relative', '//evil.com'],
    ['protocol-relative with path', '//evil.com/board'],
    ['backslash host', '/\\evil.com'],
    ['backslash only', '\\\\evil.com'],
    ['javascript: scheme', 'javascript:alert(1)'],
    ['javascript: with case and spaces', ' JavaScript:alert(1)'],
    ['data: scheme', 'data:text/html,<script>alert(1)</script>'],
    ['relative without a slash', 'board'],
    ['encoded slashes', '%2F%2Fevil.com'],
    ['slash then encoded slash', '/%2Fevil.com'],
    ['encoded backslash', '/%5Cevil.com'],
    ['double-encoded slashes', '%252F%252Fevil.com'],
    ['slash then double-encoded slash', '/%252Fevil.com'],
    ['tab between slashes', '/\t/evil.com'],
    ['encoded newline between slashes', '/%0A/evil.com'],
    ['encoded tab between slashes', '/%09/evil.com'],
    ['null byte', '/board\u0000'],
    ['malformed escape', '/board%E0%A4%A'],
    ['triple slash', '///evil.com'],
  ])('refuses %s', (_label, input) => {
    expect(safeReturnTo(input)).toBe('/profile')
  })

  // Each is safe as typed, but resolving its `.`/`..` segments would leave a protocol-relative URL.
  it.each([
    '/..//evil.com',
    '/./\\evil.com',
    '/a/..//evil.com',
    '/%2e%2e//evil.com',
    '/%2E%2E//evil.com',
    '/.%2e//evil.com',
    '/a/b/../..//evil.com',
    '/./..//evil.com/board',
    '/..\\/evil.com',
    '/..//evil.com?x=1#y',
  ])('refuses %s, which normalises to another origin', (input) => {
    const result = safeReturnTo(input)
    expect(result).toBe('/profile')
    expect(new URL(result, 'https://app.example').origin).toBe('https://app.example')
  })

  it('keeps an encoded slash after .. as a same-origin path (the browser does not resolve it)', () => {
    const result = safeReturnTo('/a/..%2F%2Fevil.com')
    expect(new URL(result, 'https://app.example').origin).toBe('https://app.example')
    expect(result.startsWith('//')).toBe(false)
  })

  it('uses the given fallback', () => {
    expect(safeReturnTo('//evil.com', '/board')).toBe('/board')
  })
})
