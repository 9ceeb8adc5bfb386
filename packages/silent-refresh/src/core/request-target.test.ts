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
    ['http://localhost/api', 'http://localhost/api', '/posts', 'api'],
    ['http://localhost/api', 'http://localhost/api', 'http://localhost/api/auth/logout', 'auth'],
    ['http://localhost/api', 'http://localhost/api', 'https://evil.example/api/posts', 'foreign'],
    ['http://localhost/api', 'http://localhost/api', '//evil.example/posts', 'foreign'],
    ['/api', '/api', 'http://localhost/api/posts', 'foreign'],
    ['/api', 'https://elsewhere.example', '/posts', 'foreign'],
    ['/api', '/apiary', '/posts', 'foreign'],
  ] as const)('base %s, request base %s, url %s → %s', (apiBase, requestBase, url, expected) => {
    expect(requestTarget(apiBase, requestBase, url)).toBe(expected)
  })
})
