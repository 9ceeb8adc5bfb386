import { describe, expect, it } from 'vitest'
import { firstRenderShell } from '../../src/render-app'

/** React hydrates the prerendered HTML only when its first render makes that very shell; otherwise it renders afresh. */
describe('firstRenderShell', () => {
  it('the login form for an anonymous visitor on /login (the first module writes the query into its links)', () => {
    expect(firstRenderShell('/login', 'anonymous')).toBe('login')
    expect(firstRenderShell('/login/', 'anonymous')).toBe('login')
  })

  it('the splash while the restore runs, on the pages that wait for it', () => {
    for (const path of ['/', '/profile', '/board', '/login', '/signup']) expect(firstRenderShell(path, 'restoring')).toBe('splash')
    expect(firstRenderShell('/profile', 'unknown')).toBe('splash')
    expect(firstRenderShell('/nowhere', 'restoring')).toBeNull()
  })

  it('nothing prerendered for what the first render does not show as it is: a redirect, the signup form, a session', () => {
    expect(firstRenderShell('/profile', 'anonymous')).toBeNull()
    expect(firstRenderShell('/signup', 'anonymous')).toBeNull()
    expect(firstRenderShell('/login', 'authenticated')).toBeNull()
  })
})
