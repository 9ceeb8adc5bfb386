import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AuthRequestError, BackendProfileError, createAuthClient, createMemoryTokenStore, SessionExpiredError, type AuthClient, type BackendProfile, type SessionEndReason } from 'silent-refresh'
import { createTestBackend } from 'silent-refresh/testing'
import oauthTokenEndpoint from './profile'

/**
 * The testing kit speaks the OAuth dialect from the same profile: it learns the form's fields and `grant_type`s from
 * `writeRequest`, tells the login from the refresh at their one URL by them, and writes errors and the logout's 200
 * the way `mock.errorAnswer` and `mock.logoutAnswer` say, which the profile's readers read back.
 */

const ORIGIN = 'http://app.example.test'
const backend = createTestBackend({ profile: oauthTokenEndpoint })
const server = setupServer(...backend.handlers, http.get(`${ORIGIN}/api/orders`, backend.protect(() => HttpResponse.json([{ id: 'o-1' }]))))

let clients: AuthClient[] = []
let ends: SessionEndReason[] = []
function makeClient() {
  const client = createAuthClient({
    baseURL: `${ORIGIN}/api`,
    backend: oauthTokenEndpoint,
    store: createMemoryTokenStore(),
    sessionHint: false,
    coordinator: null,
    refreshRetry: false,
    onSessionEnd: (reason) => ends.push(reason),
  })
  clients.push(client)
  return client
}

const postForm = (path: string, fields: Record<string, string>) =>
  fetch(`${ORIGIN}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() })

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => backend.reset())
afterEach(() => {
  clients.forEach((client) => client.dispose())
  clients = []
  ends = []
})
afterAll(() => server.close())

describe('the core against createTestBackend({ profile: oauthTokenEndpoint })', () => {
  it('logs in at /oauth/token, reads the user from /oauth/userinfo (opaque tokens), calls the API', async () => {
    const client = makeClient()
    await expect(client.login(backend.user)).resolves.toMatchObject({ email: backend.user.email, name: backend.user.name })
    expect((await client.http.get('/orders')).status).toBe(200)
    expect((await backend.stats()).requestsByEndpoint).toMatchObject({ login: 1, refresh: 0 })
  })

  it('after expiry: three requests, one refresh at the same URL, counted as a refresh and not a login', async () => {
    const client = makeClient()
    await client.login(backend.user)
    await backend.expireAccessToken()
    const answers = await Promise.all([client.http.get('/orders'), client.http.get('/orders'), client.http.get('/orders')])
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
    const stats = await backend.stats()
    expect(stats.requestsByEndpoint).toMatchObject({ login: 1, refresh: 1 })
    expect(stats.refreshCalls).toBe(1)
  })

  it('a wrong password: AuthRequestError invalid_credentials with the description the mock wrote as invalid_grant', async () => {
    const error = await makeClient().login({ email: backend.user.email, password: 'wrong-password' }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AuthRequestError)
    expect(error).toMatchObject({ code: 'invalid_credentials', status: 400, message: 'The email or the password is wrong' })
  })

  it('a refused refresh (400 invalid_grant) ends the session', async () => {
    const client = makeClient()
    await client.login(backend.user)
    await backend.endSession()
    await expect(client.http.get('/orders')).rejects.toBeInstanceOf(SessionExpiredError)
    expect(ends).toEqual(['refresh-refused'])
  })

  it('logout at /oauth/revoke: the mock answers 200, which the profile confirms', async () => {
    const client = makeClient()
    await client.login(backend.user)
    await expect(client.logout()).resolves.toEqual({ serverConfirmed: true })
    expect((await backend.stats()).requestsByEndpoint.logout).toBe(1)
    await expect(makeClient().restore()).resolves.toBe(false)
  })
})

describe("the kit's mock reads the profile's requests", () => {
  it('answers a form at /oauth/token by its grant_type, in the dialect', async () => {
    const login = await postForm('/oauth/token', { grant_type: 'password', username: backend.user.email, password: backend.user.password, client_id: 'spa' })
    expect(login.status).toBe(200)
    expect(Object.keys((await login.json()) as object).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type'])
    const wrong = await postForm('/oauth/token', { grant_type: 'password', username: backend.user.email, password: 'nope', client_id: 'spa' })
    expect([wrong.status, await wrong.json()]).toEqual([400, { error: 'invalid_grant', error_description: 'The email or the password is wrong' }])
    expect((await backend.stats()).requestsByEndpoint).toMatchObject({ login: 2, refresh: 0 })
  })

  it('refuses JSON where the profile writes a form (415), and a grant it does not know (400), in the dialect', async () => {
    const json = await fetch(`${ORIGIN}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ grant_type: 'password' }) })
    expect(json.status).toBe(415)
    expect(await json.json()).toMatchObject({ error: 'unsupported_media_type' })
    // A field the form lacks is named as the profile's form names it.
    const noUsername = await postForm('/oauth/token', { grant_type: 'password', password: 'x', client_id: 'spa' })
    expect([noUsername.status, await noUsername.json()]).toEqual([400, { error: 'invalid_request', error_description: 'Invalid request: username is required' }])
    const unknownGrant = await postForm('/oauth/token', { grant_type: 'client_credentials', client_id: 'spa' })
    expect(unknownGrant.status).toBe(400)
    expect(await unknownGrant.json()).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('grant_type') })
  })

  it('refuses, naming the field, a profile whose writeRequest, errorAnswer or logoutAnswer it could not mirror', () => {
    const noPassword: BackendProfile = { ...oauthTokenEndpoint, writeRequest: (call) => (call.endpoint === 'login' ? { user: call.email } : {}) }
    expect(() => createTestBackend({ profile: noPassword })).toThrow(expect.objectContaining({ field: 'writeRequest', message: expect.stringContaining('password') }))
    const sameGrant: BackendProfile = { ...oauthTokenEndpoint, writeRequest: (call) => (call.endpoint === 'login' ? new URLSearchParams({ username: call.email, password: call.password }) : new URLSearchParams()) }
    expect(() => createTestBackend({ profile: sameGrant })).toThrow(expect.objectContaining({ field: 'writeRequest', message: expect.stringContaining('cannot tell them apart') }))
    const unreadError: BackendProfile = { ...oauthTokenEndpoint, readError: () => null }
    expect(() => createTestBackend({ profile: unreadError })).toThrow(expect.objectContaining({ field: 'mock.errorAnswer' }))
    const only204: BackendProfile = { ...oauthTokenEndpoint, isLogoutConfirmed: (response) => response.status === 204 }
    expect(() => createTestBackend({ profile: only204 })).toThrow(BackendProfileError)
    expect(() => createTestBackend({ profile: only204 })).toThrow(expect.objectContaining({ field: 'isLogoutConfirmed', message: expect.stringContaining('mock.logoutAnswer (status 200)') }))
    const noLifetime: BackendProfile = { ...oauthTokenEndpoint, readTokenResponse: (body) => ({ accessToken: (body as { access_token: string }).access_token }) }
    expect(() => createTestBackend({ profile: noLifetime })).toThrow(expect.objectContaining({ field: 'readTokenResponse().expiresIn' }))
  })
})
