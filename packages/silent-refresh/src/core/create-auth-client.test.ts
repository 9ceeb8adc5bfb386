import { describe, expect, it } from 'vitest'
import { AuthError, AuthOptionsError, createAuthClient, type AuthClientOptions } from './index'

/** What a plain-JavaScript caller (no type checker) can pass by mistake: each fails at once, naming the option. */
const bad = (options: unknown) => () => createAuthClient(options as AuthClientOptions)

describe('createAuthClient: options it cannot work with fail at once, naming the option', () => {
  it.each([
    ['options', undefined],
    ['options', null],
    ['baseURL', {}],
    ['baseURL', { baseURL: '' }],
    ['baseURL', { baseURL: '   ' }],
    ['baseURL', { baseURL: 42 }],
    ['refreshMarginMs', { baseURL: '/api', refreshMarginMs: -1 }],
    ['refreshMarginMs', { baseURL: '/api', refreshMarginMs: '30s' }],
    ['authTimeoutMs', { baseURL: '/api', authTimeoutMs: Number.NaN }],
    ['store', { baseURL: '/api', store: { get: () => null } }],
  ])('%s: %j', (option, options) => {
    let thrown: unknown
    try {
      bad(options)()
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AuthOptionsError)
    expect(thrown).toBeInstanceOf(AuthError)
    expect(thrown).toMatchObject({ code: 'invalid_options', option, message: expect.stringContaining(option) })
  })

  it('good options make a client', () => {
    const client = createAuthClient({ baseURL: '/api', refreshMarginMs: 0, authTimeoutMs: 5_000, sessionHint: false })
    expect(client.getSnapshot().status).toBe('unknown')
    client.dispose()
  })
})
