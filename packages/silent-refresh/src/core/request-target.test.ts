import { describe, expect, it } from 'vitest'
import { requestTarget } from './request'

describe('requestTarget', () => {
  it.each([
    ['/api', '/api', '/posts', 'api'],
    ['/api', '/api', 'posts', 'api'],
    ['/api/', '/api/', '/me?x=1', 'api'],
    ['/api', '/api', '/auth/refresh', 'auth'],
    ['/api', '/api', 'auth/login', 'auth'],
    ['/api', '/api', '/authors', 'api'],
    ['/api', '/api', 'auth/signup', 'auth'],
    ['/api', '/api', 'auth/logout?x=1', 'auth'],
    ['/api', '/api', 'auth', 'auth'],
    // The signed-in devices are a resource under auth/: they carry the access token.
    ['/api', '/api', '/auth/sessions', 'api'],
    ['/api', '/api', 'auth/sessions/abc', 'api'],
    ['/api', '/api', 'auth/sessions/sign-out-others', 'api'],
    ['http://localhost/api', 'http://localhost/api', '/posts', 'api'],
    ['http://localhost/api', 'http://localhost/api', 'http://localhost/api/auth/logout', 'auth'],
    ['http://localhost/api', 'http://localhost/api', 'https://evil.example/api/posts', 'foreign'],
    ['http://localhost/api', 'http://localhost/api', '//evil.example/posts', 'foreign'],
    ['/api', '/api', 'http://localhost/api/posts', 'foreign'],
    ['/api', 'https://elsewhere.example', '/posts', 'foreign'],
    ['/api', '/apiary', '/posts', 'foreign'],
    // Dot segments are resolved as the browser resolves them before sending.
    ['/api', '/api', '../x', 'foreign'],
    ['/api', '/api', '/../x', 'foreign'],
    ['/api', '/api', 'posts/../../x', 'foreign'],
    ['/api', '/api', '%2e%2e/x', 'foreign'],
    ['/api', '/api', '..\\x', 'foreign'],
    ['/api', '/api', '..', 'foreign'],
    ['http://localhost/api', 'http://localhost/api', '../admin', 'foreign'],
    ['http://localhost/api', 'http://localhost/api', 'http://localhost/api/../admin', 'foreign'],
    ['/api', '/api', 'posts/../me', 'api'],
    ['/api', '/api', './posts', 'api'],
    ['/api', '/api', 'posts/../auth/refresh', 'auth'],
    ['/api', '/api', 'auth/../posts', 'api'],
  ] as const)('base %s, request base %s, url %s → %s', (apiBase, requestBase, url, expected) => {
    expect(requestTarget(apiBase, requestBase, url)).toBe(expected)
  })
})
