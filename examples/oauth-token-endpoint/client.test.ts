import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AuthRequestError, createAuthClient, createMemoryTokenStore, SessionExpiredError, type AuthClient, type AuthClientOptions, type SessionEndReason } from 'silent-refresh'
import { cookieJar } from '../support/node-cookie-jar'
import oauthTokenEndpoint from './profile'
import { OAUTH_DEMO_USER, startOAuthServer, type OAuthServer } from './server'

/**
 * The core in Node against an OAuth token endpoint it was not written for, given only `profile.ts`: the login and the
 * refresh go to one URL as forms told apart by `grant_type`, errors are RFC 6749's, the logout is RFC 7009's 200.
 */

let server: OAuthServer
let jar: ReturnType<typeof cookieJar>
let clock: { now: number }
let ends: SessionEndReason[]
let clients: AuthClient[]

function makeClient(overrides: Partial<AuthClientOptions> = {}) {
  const client = createAuthClient({
    baseURL: `${server.url}/api`,
    backend: oauthTokenEndpoint,
    store: createMemoryTokenStore(),
    adapter: jar.adapter,
    now: () => clock.now,
    sessionHint: false,
    refreshRetry: false,
    onSessionEnd: (reason) => ends.push(reason),
    ...overrides,
  })
  clients.push(client)
  return client
}

const form = (body: string) => Object.fromEntries(new URLSearchParams(body))

beforeEach(async () => {
  jar = cookieJar()
  clock = { now: Date.now() }
  ends = []
  clients = []
  server = await startOAuthServer({ now: () => clock.now })
})
afterEach(async () => {
  clients.forEach((client) => client.dispose())
  await server.close()
})

describe('an OAuth token endpoint (forms, one URL for login and refresh)', () => {
  it('logs in with grant_type=password as a form, reads the user from userinfo, and calls the API with the token', async () => {
    const client = makeClient()
    await expect(client.login({ email: OAUTH_DEMO_USER.email, password: OAUTH_DEMO_USER.password })).resolves.toMatchObject({ id: 'user-7', email: OAUTH_DEMO_USER.email, name: OAUTH_DEMO_USER.name })

    const [login] = server.tokenRequests()
    expect(login!.contentType).toMatch(/^application\/x-www-form-urlencoded/)
    expect(form(login!.body)).toEqual({ grant_type: 'password', username: OAUTH_DEMO_USER.email, password: OAUTH_DEMO_USER.password, client_id: 'spa' })
    expect(jar.value('rt')).toEqual(expect.any(String))
    expect((await client.http.get('/orders')).data).toEqual([{ id: 'o-1', owner: 'user-7', total: 42 }])
    expect(server.calls()).toMatchObject({ 'GET /oauth/userinfo': 1 })
  })

  it('a wrong password is invalid_credentials with the server\'s error_description (RFC 6749 invalid_grant read by readError)', async () => {
    const client = makeClient()
    const error = await client.login({ email: OAUTH_DEMO_USER.email, password: 'wrong-password' }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AuthRequestError)
    expect(error).toMatchObject({ code: 'invalid_credentials', status: 400, message: 'Invalid username or password' })
    expect(client.getSnapshot()).toMatchObject({ status: 'unknown', user: null })
  })

  it('three requests after the token expired: one refresh, sent as grant_type=refresh_token to the same URL, the cookie rotated', async () => {
    const client = makeClient()
    await client.login(OAUTH_DEMO_USER)
    const cookie = jar.value('rt')
    server.advanceClock(301_000)
    clock.now += 301_000

    const answers = await Promise.all([client.http.get('/orders'), client.http.get('/orders'), client.http.get('/orders')])
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
    expect(server.calls()).toMatchObject({ 'POST /oauth/token password': 1, 'POST /oauth/token refresh_token': 1 })
    expect(form(server.tokenRequests()[1]!.body)).toEqual({ grant_type: 'refresh_token', client_id: 'spa' })
    expect(jar.value('rt')).not.toBe(cookie)
    expect(ends).toEqual([])
  })

  it('a refused refresh (400 invalid_grant, the cookie already used elsewhere) ends the session with SessionExpiredError', async () => {
    const client = makeClient()
    await client.login(OAUTH_DEMO_USER)
    // Someone else presents the cookie first: it is used up, and this client's refresh finds it revoked.
    await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `rt=${jar.value('rt')}` },
      body: 'grant_type=refresh_token&client_id=spa',
    })
    server.advanceClock(301_000)
    clock.now += 301_000

    await expect(client.http.get('/orders')).rejects.toBeInstanceOf(SessionExpiredError)
    expect(ends).toEqual(['refresh-refused'])
    expect(client.getSnapshot()).toMatchObject({ status: 'ended', endReason: 'refresh-refused' })
  })

  it('logout posts the revocation form and takes RFC 7009\'s 200 as confirmed; the cookie restores nothing after', async () => {
    const client = makeClient()
    await client.login(OAUTH_DEMO_USER)
    await expect(client.logout()).resolves.toEqual({ serverConfirmed: true })
    expect(server.calls()).toMatchObject({ 'POST /oauth/revoke': 1 })
    expect(jar.value('rt')).toBeUndefined()
    await expect(makeClient().restore()).resolves.toBe(false)
    expect(server.calls()).toMatchObject({ 'POST /oauth/token refresh_token': 1 })
  })
})
