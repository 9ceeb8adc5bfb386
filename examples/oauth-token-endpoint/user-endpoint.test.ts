import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BackendProfileError, createAuthClient, createMemoryTokenStore, type AuthClient, type AuthClientOptions, type BackendProfile } from 'silent-refresh'
import { createTestBackend } from 'silent-refresh/testing'
import { cookieJar } from '../support/node-cookie-jar'
import oauthTokenEndpoint from './profile'
import { OAUTH_DEMO_USER, startOAuthServer, type OAuthServer } from './server'
import wrappedUserinfo, { writeWrappedUserinfo } from './wrapped-userinfo'

/**
 * A user endpoint that names its fields otherwise (`wrapped-userinfo.ts`): `GET /oauth/userinfo` answers
 * `{ data: { user_id, first_name, last_name, email_address } }` instead of OpenID Connect's `{ sub, email, name }`.
 * The profile's `readUserResponse` reads it, and its `mock.userAnswer` makes the testing kit write it: the same
 * profile works against a server written that way and against the kit.
 */

let clients: AuthClient[] = []
function makeClient(options: Partial<AuthClientOptions> & Pick<AuthClientOptions, 'baseURL'>) {
  const client = createAuthClient({ backend: wrappedUserinfo, store: createMemoryTokenStore(), sessionHint: false, coordinator: null, refreshRetry: false, ...options })
  clients.push(client)
  return client
}
afterEach(() => {
  clients.forEach((client) => client.dispose())
  clients = []
})

describe('against a server written that way (server.ts, its userinfo wrapped)', () => {
  let server: OAuthServer
  let jar: ReturnType<typeof cookieJar>
  beforeEach(async () => {
    jar = cookieJar()
    server = await startOAuthServer({ userinfo: writeWrappedUserinfo })
  })
  afterEach(() => server.close())

  it("login asks userinfo once and resolves the reader's user, other fields included; the session keeps id, email and name", async () => {
    const client = makeClient({ baseURL: `${server.url}/api`, adapter: jar.adapter })
    await expect(client.login(OAUTH_DEMO_USER)).resolves.toEqual({ id: '7', email: OAUTH_DEMO_USER.email, name: OAUTH_DEMO_USER.name, locale: 'en-GB' })
    expect(client.getSnapshot().user).toEqual({ id: '7', email: OAUTH_DEMO_USER.email, name: OAUTH_DEMO_USER.name })
    expect(server.calls()).toMatchObject({ 'GET /oauth/userinfo': 1 })
  })

  it('a reload reads the user the same way', async () => {
    await makeClient({ baseURL: `${server.url}/api`, adapter: jar.adapter }).login(OAUTH_DEMO_USER)
    const reloaded = makeClient({ baseURL: `${server.url}/api`, adapter: jar.adapter })
    await expect(reloaded.restore()).resolves.toBe(true)
    expect(reloaded.getSnapshot().user).toEqual({ id: '7', email: OAUTH_DEMO_USER.email, name: OAUTH_DEMO_USER.name })
    expect(server.calls()).toMatchObject({ 'GET /oauth/userinfo': 2 })
  })

  it("without readUserResponse the default reader finds no id there: the login fails (invalid_response), naming readUserResponse().id", async () => {
    const client = makeClient({ baseURL: `${server.url}/api`, adapter: jar.adapter, backend: oauthTokenEndpoint })
    const error = (await client.login(OAUTH_DEMO_USER).catch((caught: unknown) => caught)) as Error & { code: string }
    expect(error.code).toBe('invalid_response')
    expect(error.cause).toBeInstanceOf(BackendProfileError)
    expect(error.cause).toMatchObject({ field: 'readUserResponse().id', message: expect.stringContaining('GET /oauth/userinfo') })
  })
})

describe('against the testing kit given the same profile (mock.userAnswer)', () => {
  const ORIGIN = 'http://app.example.test'
  const backend = createTestBackend({ profile: wrappedUserinfo })
  const server = setupServer(...backend.handlers, http.get(`${ORIGIN}/api/orders`, backend.protect(() => HttpResponse.json([{ id: 'o-1' }]))))
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  beforeEach(() => backend.reset())
  afterAll(() => server.close())

  it("its userinfo answers in the profile's shape, which the client reads: login, then a reload", async () => {
    const client = makeClient({ baseURL: `${ORIGIN}/api` })
    await expect(client.login(backend.user)).resolves.toMatchObject({ email: backend.user.email, name: backend.user.name, joined_at: expect.any(String) })
    expect(client.getSnapshot().user).toEqual({ id: expect.any(String), email: backend.user.email, name: backend.user.name })
    expect((await client.http.get('/orders')).status).toBe(200)
    const reloaded = makeClient({ baseURL: `${ORIGIN}/api` })
    await expect(reloaded.restore()).resolves.toBe(true)
    expect(reloaded.getSnapshot().user).toMatchObject({ email: backend.user.email, name: backend.user.name })
    expect((await backend.stats()).requestsByEndpoint.me).toBe(2)
  })

  it("the body it writes at the profile's user endpoint; its own /api/me keeps the kit's shape", async () => {
    const client = makeClient({ baseURL: `${ORIGIN}/api` })
    await client.login(backend.user)
    const headers = { Authorization: `Bearer ${await client.refresh()}` }
    const answer = await fetch(`${ORIGIN}/oauth/userinfo`, { headers })
    expect(await answer.json()).toEqual({ data: { user_id: expect.any(String), first_name: 'Demo', last_name: 'User', email_address: backend.user.email, joined_at: expect.any(String) } })
    const own = await fetch(`${ORIGIN}/api/me`, { headers })
    expect(await own.json()).toEqual({ id: expect.any(String), email: backend.user.email, name: backend.user.name, createdAt: expect.any(String) })
  })

  it("refuses at creation, naming the field, a profile whose readUserResponse does not read what mock.userAnswer writes", () => {
    const { userAnswer: _, ...withoutUserAnswer } = wrappedUserinfo.mock!
    const noWriter: BackendProfile = { ...wrappedUserinfo, mock: withoutUserAnswer }
    expect(() => createTestBackend({ profile: noWriter })).toThrow(BackendProfileError)
    expect(() => createTestBackend({ profile: noWriter })).toThrow(expect.objectContaining({ field: 'readUserResponse', message: expect.stringContaining('mock.userAnswer') }))
    const swapped: BackendProfile = { ...wrappedUserinfo, mock: { ...wrappedUserinfo.mock, userAnswer: ({ id, email, name }) => ({ data: { user_id: id, first_name: email, email_address: name } }) } }
    expect(() => createTestBackend({ profile: swapped })).toThrow(expect.objectContaining({ field: 'mock.userAnswer', message: expect.stringContaining('email') }))
    const noId: BackendProfile = { ...wrappedUserinfo, mock: { ...wrappedUserinfo.mock, userAnswer: ({ email }) => ({ data: { email_address: email } }) } }
    expect(() => createTestBackend({ profile: noId })).toThrow(expect.objectContaining({ field: 'readUserResponse().id' }))
    const notAFunction = { ...wrappedUserinfo, mock: { ...wrappedUserinfo.mock, userAnswer: { data: {} } } } as unknown as BackendProfile
    expect(() => createTestBackend({ profile: notAFunction })).toThrow(expect.objectContaining({ field: 'mock.userAnswer' }))
    const { user: _user, ...withoutUserEndpoint } = wrappedUserinfo.endpoints
    const unused: BackendProfile = { ...wrappedUserinfo, endpoints: withoutUserEndpoint }
    expect(() => createTestBackend({ profile: unused })).toThrow(expect.objectContaining({ field: 'mock.userAnswer', message: expect.stringContaining('endpoints.user') }))
    const misspelt = { ...wrappedUserinfo, mock: { ...withoutUserAnswer, userAnwser: wrappedUserinfo.mock!.userAnswer } } as unknown as BackendProfile
    expect(() => createTestBackend({ profile: misspelt })).toThrow(expect.objectContaining({ field: 'mock.userAnwser', message: expect.stringContaining('did you mean mock.userAnswer?') }))
  })
})
