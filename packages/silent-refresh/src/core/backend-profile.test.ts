import axios, { type AxiosAdapter } from 'axios'
import { describe, expect, it } from 'vitest'
import { AuthError, BackendProfileError } from './errors'
import { createAuthClient } from './create-auth-client'
import { defaultProfile, encodeAuthRequest, readErrorAnswer, readTokenAnswer, readUser, readUserAnswer, validateProfile } from './backend-profile'
import { endpointURL } from './http'
import type { BackendProfile, ProfileResponse } from './types'

const answer = (status: number, headers: Record<string, string> = {}, body: unknown = {}): ProfileResponse => ({
  status,
  header: (name) => headers[name.toLowerCase()] ?? null,
  body,
})

const minimal: BackendProfile = {
  endpoints: { login: '/auth/login', refresh: '/auth/refresh', logout: '/auth/logout' },
  readTokenResponse: (body) => ({ accessToken: (body as { access_token: string }).access_token }),
}

function profileError(run: () => unknown): BackendProfileError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(BackendProfileError)
    expect(error).toBeInstanceOf(AuthError)
    expect((error as AuthError).code).toBe('invalid_backend_profile')
    return error as BackendProfileError
  }
  throw new Error('expected a BackendProfileError')
}

describe('defaultProfile (the project contract)', () => {
  it('names the contract endpoints under /api/auth, with signup and no user endpoint', () => {
    expect(defaultProfile.endpoints).toEqual({
      login: '/api/auth/login',
      refresh: '/api/auth/refresh',
      logout: '/api/auth/logout',
      signup: '/api/auth/signup',
      reauthenticate: '/api/auth/reauthenticate',
    })
    expect(defaultProfile.authHeaders).toEqual({ 'X-Requested-With': 'XMLHttpRequest' })
    expect({ dpop: defaultProfile.dpop, reuseInterval: defaultProfile.reuseInterval }).toEqual({ dpop: true, reuseInterval: true })
  })

  it('reads { accessToken, user, sessionExpiresAt } (ISO time to ms)', () => {
    const user = { id: 'u1', email: 'a@b.c', name: 'A', createdAt: '2026-01-01T00:00:00.000Z' }
    expect(defaultProfile.readTokenResponse({ accessToken: 't', user, sessionExpiresAt: '2026-01-02T00:00:00.000Z' })).toEqual({
      accessToken: 't',
      user,
      sessionExpiresAt: Date.parse('2026-01-02T00:00:00.000Z'),
    })
    expect(defaultProfile.readTokenResponse({ accessToken: 't' })).toEqual({ accessToken: 't', user: undefined, sessionExpiresAt: null })
  })

  it('rejects a token only on a 401 with an invalid_token challenge (Bearer or DPoP)', () => {
    expect(defaultProfile.isTokenRejected(answer(401, { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' }))).toBe(true)
    expect(defaultProfile.isTokenRejected(answer(401, { 'www-authenticate': 'DPoP algs="ES256", error="invalid_token"' }))).toBe(true)
    expect(defaultProfile.isTokenRejected(answer(401, { 'www-authenticate': 'Bearer realm="api"' }))).toBe(false)
    expect(defaultProfile.isTokenRejected(answer(401, {}, { message: 'jwt expired' }))).toBe(false)
    expect(defaultProfile.isTokenRejected(answer(403, { 'www-authenticate': 'Bearer error="invalid_token"' }))).toBe(false)
  })

  it('ends the session on a 401 refresh answer only', () => {
    expect(defaultProfile.isRefreshRefused(answer(401))).toBe(true)
    expect(defaultProfile.isRefreshRefused(answer(403))).toBe(false)
    expect(defaultProfile.isRefreshRefused(answer(500))).toBe(false)
  })
})

describe('validateProfile', () => {
  it('fills what is left out from the default profile', () => {
    const resolved = validateProfile(minimal)
    expect(resolved.endpoints).toEqual(minimal.endpoints)
    expect(resolved.authHeaders).toEqual(defaultProfile.authHeaders)
    expect(resolved.isRefreshRefused(answer(401))).toBe(true)
    expect(resolved.isTokenRejected(answer(401))).toBe(false)
    expect({ dpop: resolved.dpop, reuseInterval: resolved.reuseInterval }).toEqual({ dpop: true, reuseInterval: true })
    expect(resolved.readTokenResponse({ access_token: 'x' })).toEqual({ accessToken: 'x' })
  })

  it('keeps what the profile says, calling its functions with the profile as this', () => {
    const profile = {
      ...minimal,
      isRefreshRefused(response: ProfileResponse) {
        return this.isTokenRejected(response) || response.status === 403
      },
      isTokenRejected: (response: ProfileResponse) => response.status === 401,
      authHeaders: {},
      dpop: false,
      reuseInterval: false,
    }
    const resolved = validateProfile(profile)
    expect(resolved.isRefreshRefused(answer(403))).toBe(true)
    expect(resolved.isTokenRejected(answer(401))).toBe(true)
    expect(resolved.authHeaders).toEqual({})
    expect({ dpop: resolved.dpop, reuseInterval: resolved.reuseInterval }).toEqual({ dpop: false, reuseInterval: false })
  })

  it('accepts full URLs for endpoints', () => {
    expect(validateProfile({ ...minimal, endpoints: { ...minimal.endpoints, refresh: 'https://auth.example.com/token/refresh' } }).endpoints.refresh).toBe(
      'https://auth.example.com/token/refresh',
    )
  })

  it.each(['login', 'refresh', 'logout'] as const)('names endpoints.%s when it is missing (each of the three is required)', (name) => {
    const { [name]: _, ...endpoints } = minimal.endpoints
    const error = profileError(() => validateProfile({ ...minimal, endpoints }))
    expect(error.field).toBe(`endpoints.${name}`)
    expect(error.message).toMatch(new RegExp(`endpoints\\.${name} is missing`))
  })

  it('names readTokenResponse when it is missing', () => {
    const { readTokenResponse: _, ...withoutReader } = minimal
    const error = profileError(() => validateProfile(withoutReader))
    expect(error.field).toBe('readTokenResponse')
    expect(error.message).toMatch(/readTokenResponse is missing/)
  })

  it.each([
    ['no profile', null, 'profile'],
    ['no endpoints', { readTokenResponse: minimal.readTokenResponse }, 'endpoints'],
    ['a relative endpoint', { ...minimal, endpoints: { ...minimal.endpoints, login: 'auth/login' } }, 'endpoints.login'],
    ['a protocol-relative endpoint', { ...minimal, endpoints: { ...minimal.endpoints, logout: '//evil.example/logout' } }, 'endpoints.logout'],
    ['an empty signup endpoint', { ...minimal, endpoints: { ...minimal.endpoints, signup: '' } }, 'endpoints.signup'],
    ['isTokenRejected not a function', { ...minimal, isTokenRejected: 401 }, 'isTokenRejected'],
    ['isRefreshRefused not a function', { ...minimal, isRefreshRefused: [401, 403] }, 'isRefreshRefused'],
    ['dpop not a boolean', { ...minimal, dpop: 'off' }, 'dpop'],
    ['reuseInterval not a boolean', { ...minimal, reuseInterval: 0 }, 'reuseInterval'],
    ['a header that is not a string', { ...minimal, authHeaders: { 'X-CSRF': 1 } }, 'authHeaders.X-CSRF'],
  ])('names the field for %s', (_, profile, field) => {
    expect(profileError(() => validateProfile(profile)).field).toBe(field)
  })
})

describe('readTokenAnswer', () => {
  const profile = validateProfile({
    ...minimal,
    readTokenResponse: (body: unknown) => {
      const { access_token, expires_in, user } = body as Record<string, unknown>
      return { accessToken: access_token, expiresIn: expires_in, user } as never
    },
  })

  it('gives the token, its lifetime and the user', () => {
    expect(readTokenAnswer(profile, { access_token: 'opaque-123', expires_in: 900, user: { id: 7, email: 'a@b.c' } }, 'POST /auth/login')).toEqual({
      accessToken: 'opaque-123',
      expiresIn: 900,
      user: { id: '7', email: 'a@b.c', name: '' },
      sessionExpiresAt: null,
    })
  })

  it('names readTokenResponse().accessToken when the reader finds no token, with the body fields it saw', () => {
    const error = profileError(() => readTokenAnswer(profile, { accessToken: 'camelCase' }, 'POST /auth/refresh'))
    expect(error.field).toBe('readTokenResponse().accessToken')
    expect(error.message).toContain('POST /auth/refresh')
    expect(error.message).toContain('accessToken')
  })

  it('names the default reader missing a snake_case token the same way', () => {
    const error = profileError(() => readTokenAnswer(defaultProfile, { access_token: 'x', expires_in: 900 }, 'POST /api/auth/login'))
    expect(error.field).toBe('readTokenResponse().accessToken')
    expect(error.message).toContain('access_token, expires_in')
  })

  it('names expiresIn and user when they are unusable', () => {
    expect(profileError(() => readTokenAnswer(profile, { access_token: 't', expires_in: '900' }, 'x')).field).toBe('readTokenResponse().expiresIn')
    expect(profileError(() => readTokenAnswer(profile, { access_token: 't', expires_in: -1 }, 'x')).field).toBe('readTokenResponse().expiresIn')
    expect(profileError(() => readTokenAnswer(profile, { access_token: 't', user: { email: 'a@b.c' } }, 'x')).field).toBe('readTokenResponse().user')
  })

  it('wraps a reader that throws (an HTML page where JSON was expected), keeping its error as the cause', () => {
    const strict = validateProfile({ ...minimal, readTokenResponse: (body: unknown) => ({ accessToken: (body as { a: { b: string } }).a.b }) })
    const error = profileError(() => readTokenAnswer(strict, '<!doctype html><title>Not found</title>', 'POST /auth/login'))
    expect(error.field).toBe('readTokenResponse')
    expect(error.cause).toBeInstanceOf(TypeError)
  })
})

describe('endpointURL', () => {
  it('joins a path to the origin of a full API base, not to its path', () => {
    expect(endpointURL('/auth/refresh', 'http://localhost:3000/api')).toBe('http://localhost:3000/auth/refresh')
    expect(endpointURL('/api/auth/refresh', 'http://localhost/api')).toBe('http://localhost/api/auth/refresh')
  })

  it('leaves a path as it is under a relative API base, and a full URL always', () => {
    expect(endpointURL('/auth/refresh', '/api')).toBe('/auth/refresh')
    expect(endpointURL('https://auth.example.com/refresh', 'http://localhost/api')).toBe('https://auth.example.com/refresh')
  })
})

describe('createAuthClient({ backend })', () => {
  it('fails at once, naming the field, for a profile without endpoints.refresh or readTokenResponse', () => {
    const noRefresh = { ...minimal, endpoints: { login: '/auth/login', logout: '/auth/logout' } } as unknown as BackendProfile
    expect(profileError(() => createAuthClient({ baseURL: '/api', backend: noRefresh })).field).toBe('endpoints.refresh')
    const { readTokenResponse: _, ...noReader } = minimal
    expect(profileError(() => createAuthClient({ baseURL: '/api', backend: noReader as BackendProfile })).field).toBe('readTokenResponse')
  })

  it("keeps the default profile's auth endpoints at /api/auth/* from the origin, whatever baseURL says", async () => {
    const sent: string[] = []
    // Records where each request went and answers 200 without a token (so each call fails after being sent).
    const adapter: AxiosAdapter = async (config) => {
      sent.push(`${config.method?.toUpperCase()} ${new URL(axios.getUri(config)).pathname}`)
      return { status: 200, statusText: 'OK', headers: {}, config, data: {} }
    }
    const client = createAuthClient({ baseURL: 'http://localhost/v1', adapter, sessionHint: false, refreshRetry: false })

    await client.login({ email: 'a@example.com', password: 'secret' }).catch(() => undefined)
    await client.signup({ email: 'a@example.com', name: 'A', password: 'secret-secret' }).catch(() => undefined)
    await client.refresh().catch(() => undefined)

    expect(sent).toEqual(['POST /api/auth/login', 'POST /api/auth/signup', 'POST /api/auth/refresh'])
    client.dispose()
  })
})

describe('writeRequest: what the client sends', () => {
  it("the default writes the contract's JSON: the typed fields, {} for refresh and logout", () => {
    expect(encodeAuthRequest(defaultProfile, { endpoint: 'login', email: 'a@b.c', password: 'pw' })).toEqual({ data: { email: 'a@b.c', password: 'pw' }, contentType: 'application/json' })
    expect(encodeAuthRequest(defaultProfile, { endpoint: 'signup', email: 'a@b.c', name: 'A', password: 'pw' }).data).toEqual({ email: 'a@b.c', name: 'A', password: 'pw' })
    expect(encodeAuthRequest(defaultProfile, { endpoint: 'reauthenticate', password: 'pw' }).data).toEqual({ password: 'pw' })
    expect(encodeAuthRequest(defaultProfile, { endpoint: 'refresh' }).data).toEqual({})
    expect(encodeAuthRequest(defaultProfile, { endpoint: 'logout' }).data).toEqual({})
  })

  it('a URLSearchParams goes as a form', () => {
    const form = validateProfile({ ...minimal, writeRequest: () => new URLSearchParams({ grant_type: 'refresh_token' }) })
    expect(encodeAuthRequest(form, { endpoint: 'refresh' })).toEqual({ data: 'grant_type=refresh_token', contentType: 'application/x-www-form-urlencoded;charset=UTF-8' })
  })

  it('names writeRequest for a body that is neither a plain object nor a form, and for a writer that throws', () => {
    const text = validateProfile({ ...minimal, writeRequest: () => 'grant_type=refresh_token' as never })
    expect(profileError(() => encodeAuthRequest(text, { endpoint: 'refresh' })).field).toBe('writeRequest')
    const throwing = validateProfile({ ...minimal, writeRequest: () => { throw new Error('no signup here') } })
    const error = profileError(() => encodeAuthRequest(throwing, { endpoint: 'signup', email: 'a@b.c', name: 'A', password: 'pw' }))
    expect(error.message).toContain('no signup here')
    expect(profileError(() => validateProfile({ ...minimal, writeRequest: 'json' })).field).toBe('writeRequest')
  })

  it('the client sends it: a form login, with the form content type and not JSON', async () => {
    const seen: Array<{ data: unknown; contentType: unknown }> = []
    const adapter: AxiosAdapter = async (config) => {
      seen.push({ data: config.data, contentType: config.headers['Content-Type'] })
      const data = { error: 'invalid_grant', error_description: 'Bad password' }
      throw new axios.AxiosError('400', 'ERR_BAD_REQUEST', config, null, { status: 400, statusText: 'Bad Request', headers: {}, config, data })
    }
    const backend: BackendProfile = {
      ...minimal,
      writeRequest: (call) => (call.endpoint === 'login' ? new URLSearchParams({ grant_type: 'password', username: call.email, password: call.password }) : {}),
      dpop: false,
    }
    const client = createAuthClient({ baseURL: '/api', adapter, backend, sessionHint: false, refreshRetry: false })
    await expect(client.login({ email: 'a@b.c', password: 'p&w' })).rejects.toMatchObject({ code: 'invalid_grant', message: 'Bad password', status: 400 })
    expect(seen).toEqual([{ data: 'grant_type=password&username=a%40b.c&password=p%26w', contentType: 'application/x-www-form-urlencoded;charset=UTF-8' }])
    client.dispose()
  })
})

describe('readError: how a failed login reads', () => {
  it("the default reads the contract's { error, message } and OAuth's { error, error_description }; nothing else", () => {
    expect(readErrorAnswer(defaultProfile, answer(401, {}, { error: 'invalid_credentials', message: 'Wrong' }))).toEqual({ code: 'invalid_credentials', message: 'Wrong' })
    expect(readErrorAnswer(defaultProfile, answer(400, {}, { error: 'invalid_grant', error_description: 'Bad' }))).toEqual({ code: 'invalid_grant', message: 'Bad' })
    expect(readErrorAnswer(defaultProfile, answer(401, {}, { message: 'Invalid email or password' }))).toEqual({ message: 'Invalid email or password' })
    expect(readErrorAnswer(defaultProfile, answer(502, {}, '<html>Bad gateway</html>'))).toEqual({})
  })

  it("a profile's reader maps its backend's answers to the app's codes; a throwing one is named", async () => {
    const byStatus = validateProfile({ ...minimal, readError: (response: ProfileResponse) => ({ code: response.status === 401 ? 'invalid_credentials' : undefined }) })
    expect(readErrorAnswer(byStatus, answer(401, {}, { message: 'x' }))).toEqual({ code: 'invalid_credentials' })
    const throwing = validateProfile({ ...minimal, readError: () => { throw new Error('boom') } })
    expect(profileError(() => readErrorAnswer(throwing, answer(401))).field).toBe('readError')

    const adapter: AxiosAdapter = async (config) => Promise.reject(new axios.AxiosError('401', 'ERR_BAD_REQUEST', config, null, { status: 401, statusText: '', headers: {}, config, data: {} }))
    const client = createAuthClient({ baseURL: '/api', adapter, backend: { ...minimal, readError: () => { throw new Error('boom') }, dpop: false }, sessionHint: false })
    await expect(client.login({ email: 'a@b.c', password: 'pw' })).rejects.toMatchObject({ code: 'invalid_response', status: 401 })
    client.dispose()
  })

  it('a 2xx login answer without a token is invalid_response with its status', async () => {
    const adapter: AxiosAdapter = async (config) => ({ status: 200, statusText: 'OK', headers: { 'content-type': 'text/html' }, config, data: '<html></html>' })
    const client = createAuthClient({ baseURL: '/api', adapter, backend: { ...minimal, dpop: false }, sessionHint: false })
    await expect(client.login({ email: 'a@b.c', password: 'pw' })).rejects.toMatchObject({ code: 'invalid_response', status: 200 })
    client.dispose()
  })
})

describe('isLogoutConfirmed', () => {
  it('by default only a 204 confirms a logout; a profile may accept an RFC 7009 200', async () => {
    const answerWith = (status: number): AxiosAdapter => async (config) => ({ status, statusText: '', headers: {}, config, data: '' })
    const contract = createAuthClient({ baseURL: '/api', adapter: answerWith(200), backend: { ...minimal, dpop: false }, sessionHint: false, persistentStorage: new Map() as never })
    await expect(contract.logout()).resolves.toMatchObject({ serverConfirmed: false })
    const revocation = createAuthClient({ baseURL: '/api', adapter: answerWith(200), backend: { ...minimal, dpop: false, isLogoutConfirmed: (r: ProfileResponse) => r.status === 200 }, sessionHint: false })
    await expect(revocation.logout()).resolves.toEqual({ serverConfirmed: true })
    contract.dispose()
    revocation.dispose()
  })
})

describe('readUser', () => {
  it("reads an id, or OpenID Connect userinfo's sub", () => {
    expect(readUser({ id: 7, email: 'a@b.c' })).toMatchObject({ id: '7', email: 'a@b.c', name: '' })
    expect(readUser({ sub: 'user-7', email: 'a@b.c', name: 'Ada' })).toMatchObject({ id: 'user-7', email: 'a@b.c', name: 'Ada' })
    expect(readUser({ email: 'a@b.c' })).toBeUndefined()
  })
})

describe('validateProfile refuses a field no profile has (a misspelt one would be ignored and its default used)', () => {
  const { refresh: _, ...loginAndLogout } = minimal.endpoints
  it.each([
    ['a misspelt top-level field', { ...minimal, readTokenRespones: minimal.readTokenResponse }, 'readTokenRespones', 'did you mean readTokenResponse?'],
    ['endpoint for endpoints', { endpoint: minimal.endpoints, readTokenResponse: minimal.readTokenResponse }, 'endpoint', 'did you mean endpoints?'],
    ['a misspelt endpoint', { ...minimal, endpoints: { ...loginAndLogout, referesh: '/auth/refresh' } }, 'endpoints.referesh', 'did you mean endpoints.refresh?'],
    ['a misspelt mock field', { ...minimal, mock: { tokenAnwser: () => ({}) } }, 'mock.tokenAnwser', 'did you mean mock.tokenAnswer?'],
    ['a field in the wrong case', { ...minimal, ReuseInterval: false }, 'ReuseInterval', 'did you mean reuseInterval?'],
  ])('%s: named, with the nearest field it has', (_, profile, field, suggestion) => {
    const error = profileError(() => validateProfile(profile))
    expect(error.field).toBe(field)
    expect(error.message).toContain(suggestion)
  })

  it('names a field near none without guessing, and lists the fields there are', () => {
    const error = profileError(() => validateProfile({ ...minimal, endpoints: { ...minimal.endpoints, oauthCallback: '/auth/callback' } }))
    expect(error.field).toBe('endpoints.oauthCallback')
    expect(error.message).not.toContain('did you mean')
    expect(error.message).toContain('login, refresh, logout, signup, user, reauthenticate')
  })

  it("refuses a mock that is not an object, and still takes every field a profile has", () => {
    expect(profileError(() => validateProfile({ ...minimal, mock: 'opaque' })).field).toBe('mock')
    const full = {
      ...minimal,
      readUserResponse: (body: unknown) => body as never,
      isStepUpRequired: () => null,
      writeRequest: () => ({}),
      readError: () => null,
      isLogoutConfirmed: () => true,
      isTokenRejected: () => false,
      isRefreshRefused: () => false,
      authHeaders: {},
      dpop: false,
      reuseInterval: false,
      endpoints: { ...minimal.endpoints, signup: '/auth/signup', user: '/auth/me', reauthenticate: '/auth/again' },
      mock: { tokenAnswer: () => ({}), userAnswer: () => ({}), errorAnswer: () => ({ status: 400, body: {} }), tokenRejected: undefined, refreshRefused: undefined, logoutAnswer: undefined, refreshCookie: undefined, accessTokens: 'jwt' },
    }
    expect(() => validateProfile(full)).not.toThrow()
    expect(() => validateProfile(defaultProfile)).not.toThrow()
  })

  it('createAuthClient refuses it at once', () => {
    const typo = { ...minimal, isRefreshRefuse: () => true } as BackendProfile
    const error = profileError(() => createAuthClient({ baseURL: '/api', backend: typo }))
    expect(error).toMatchObject({ field: 'isRefreshRefuse', message: expect.stringContaining('did you mean isRefreshRefused?') })
  })
})

describe("readUserResponse: the user endpoint's answer, read through the profile", () => {
  /** A backend whose login answer names no user and whose token is opaque: the client asks GET /auth/me. */
  const wrappedUser = { data: { user_id: 7, first_name: 'Ada', last_name: 'L', email_address: 'a@x', plan: 'pro' } }
  const readWrapped = (body: unknown) => {
    const { user_id, first_name, last_name, email_address, ...rest } = (body as { data: Record<string, unknown> }).data
    return { ...rest, id: user_id as number, email: email_address as string, name: `${String(first_name)} ${String(last_name)}` }
  }
  const opaque: BackendProfile = {
    ...minimal,
    endpoints: { ...minimal.endpoints, signup: '/auth/signup', user: '/auth/me' },
    readTokenResponse: (body) => ({ accessToken: (body as { access_token: string }).access_token, expiresIn: 900 }),
    dpop: false,
  }
  const answering =
    (user: unknown): AxiosAdapter =>
    async (config) => {
      const path = new URL(axios.getUri(config)).pathname
      const data = path === '/auth/me' ? user : { access_token: 'opaque-token-1' }
      return { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, config, data }
    }
  const clientFor = (backend: BackendProfile, user: unknown = wrappedUser) =>
    createAuthClient({ baseURL: 'http://localhost/api', adapter: answering(user), backend, sessionHint: false, refreshRetry: false })
  const causeOf = async (promise: Promise<unknown>) => ((await promise.catch((error: unknown) => error)) as AuthError).cause as BackendProfileError

  it("maps another backend's field names: login and signup resolve the reader's user with its other fields, the session keeps id, email and name", async () => {
    const client = clientFor({ ...opaque, readUserResponse: readWrapped })
    await expect(client.login({ email: 'a@x', password: 'pw' })).resolves.toEqual({ id: '7', email: 'a@x', name: 'Ada L', plan: 'pro' })
    expect(client.getSnapshot().user).toEqual({ id: '7', email: 'a@x', name: 'Ada L' })
    const signedUp = clientFor({ ...opaque, readUserResponse: readWrapped })
    await expect(signedUp.signup({ email: 'a@x', name: 'Ada L', password: 'pw-pw-pw-pw' })).resolves.toEqual({ id: '7', email: 'a@x', name: 'Ada L', plan: 'pro' })
    expect(signedUp.getSnapshot().user).toEqual({ id: '7', email: 'a@x', name: 'Ada L' })
    client.dispose()
    signedUp.dispose()
  })

  it("without it, the default reader finds no id in that answer: invalid_response, caused by a BackendProfileError naming readUserResponse().id", async () => {
    const client = clientFor(opaque)
    const login = client.login({ email: 'a@x', password: 'pw' })
    await expect(login).rejects.toMatchObject({ code: 'invalid_response' })
    const cause = await causeOf(login)
    expect(cause).toBeInstanceOf(BackendProfileError)
    expect(cause.field).toBe('readUserResponse().id')
    expect(cause.message).toContain('GET /auth/me')
    expect(cause.message).toContain('data')
    client.dispose()
  })

  it('a reader that gives no id, or throws, is named the same way (invalid_response for the login)', async () => {
    const noId = clientFor({ ...opaque, readUserResponse: () => ({ id: undefined as never, email: 'a@x' }) })
    expect((await causeOf(noId.login({ email: 'a@x', password: 'pw' }))).field).toBe('readUserResponse().id')
    const throwing = clientFor({ ...opaque, readUserResponse: (body) => ({ id: (body as { user: { id: string } }).user.id }) })
    const cause = await causeOf(throwing.login({ email: 'a@x', password: 'pw' }))
    expect(cause.field).toBe('readUserResponse')
    expect(cause.cause).toBeInstanceOf(TypeError)
    noId.dispose()
    throwing.dispose()
  })

  it("readUserAnswer: the reader's user checked, its id made a string, email and name empty when absent", () => {
    expect(readUserAnswer(validateProfile({ ...opaque, readUserResponse: readWrapped }), wrappedUser, 'GET /auth/me')).toEqual({ id: '7', email: 'a@x', name: 'Ada L', plan: 'pro' })
    expect(readUserAnswer(defaultProfile, { sub: 'user-7' }, 'GET /oauth/userinfo')).toEqual({ sub: 'user-7', id: 'user-7', email: '', name: '' })
    expect(profileError(() => readUserAnswer(defaultProfile, '<html></html>', 'GET /auth/me')).field).toBe('readUserResponse().id')
  })

  it('names readUserResponse when it is not a function', () => {
    expect(profileError(() => validateProfile({ ...minimal, readUserResponse: { id: 'user_id' } })).field).toBe('readUserResponse')
  })
})

describe('methods: the HTTP method of each auth call', () => {
  it("defaults to today's: POST for every auth call, GET for the user endpoint; a profile's methods are filled in from them", () => {
    const post = { login: 'POST', signup: 'POST', refresh: 'POST', logout: 'POST', reauthenticate: 'POST', user: 'GET' }
    expect(defaultProfile.methods).toEqual(post)
    expect(validateProfile(minimal).methods).toEqual(post)
    expect(validateProfile({ ...minimal, methods: { refresh: 'PUT', logout: 'DELETE', user: 'POST' } }).methods).toEqual({ ...post, refresh: 'PUT', logout: 'DELETE', user: 'POST' })
  })

  it.each([
    ['an unknown method', { refresh: 'FETCH' }, 'methods.refresh', "'POST', 'PUT', 'PATCH', 'DELETE' or 'GET'"],
    ['a lower-case method', { logout: 'delete' }, 'methods.logout', "'POST', 'PUT', 'PATCH', 'DELETE' or 'GET'"],
    ['GET for a call that sends a body', { refresh: 'GET' }, 'methods.refresh', 'GET sends no body'],
    ['GET for the login', { login: 'GET' }, 'methods.login', 'GET sends no body'],
    ['a misspelt call', { refesh: 'PUT' }, 'methods.refesh', 'did you mean methods.refresh?'],
  ])('%s is a BackendProfileError naming the field', (_, methods, field, said) => {
    const error = profileError(() => validateProfile({ ...minimal, methods }))
    expect(error.field).toBe(field)
    expect(error.message).toContain(said)
  })

  it('refuses methods that are not an object', () => {
    expect(profileError(() => validateProfile({ ...minimal, methods: 'PUT' })).field).toBe('methods')
  })
})
