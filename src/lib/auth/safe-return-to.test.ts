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

  it('uses the given fallback', () => {
    expect(safeReturnTo('//evil.com', '/board')).toBe('/board')
  })
})
