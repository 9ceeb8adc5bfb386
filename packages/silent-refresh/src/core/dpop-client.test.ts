import { AxiosError, getAdapter, isAxiosError, type AxiosAdapter, type AxiosResponse } from 'axios'
import { IDBFactory } from 'fake-indexeddb'
import { http, HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { useMockServer } from '../../../../mocks/testing'
import { createTestClient, DEMO } from '../../../../tests/support/auth-client'
import { CRYPTO_OR_TABS_TIMEOUT_MS, MANY_REQUESTS_TIMEOUT_MS } from '../../../../tests/support/timeouts'
import { createDpopKeyStore, createDpopSigner } from './dpop'
import { expectedAth, verifyProofLikeAServer } from '../../../../tests/support/dpop-proof'
import { accessToken } from '../../../../tests/support/tokens'
import { createAuthClient } from './create-auth-client'
import { AuthRequestError, SessionExpiredError } from './errors'
import { createMemoryTokenStore } from './token'

// A DPoP proof signed and verified for every request: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: CRYPTO_OR_TABS_TIMEOUT_MS })

const HOUR = 3_600_000
const NONCE_LIFETIME = 5 * 60_000
/** The first login of a test has no nonce yet: the server challenges it once. */
const LOGIN_CHALLENGE = 1

interface Sent {
  url: string
  authorization: string | null
  proof: string | null
}

/** axios's real http adapter (intercepted by msw/node), recording what each request carried. */
function recordingAdapter(sent: Sent[]): AxiosAdapter {
  const http = getAdapter('http')
  return (config) => {
    const header = (name: string) => {
      const value: unknown = config.headers.get(name)
      return typeof value === 'string' ? value : null
    }
    sent.push({ url: config.url ?? '', authorization: header('Authorization'), proof: header('DPoP') })
    return http(config)
  }
}

/** A client with DPoP on, its key store over `indexedDB` (one factory = one browser profile). */
function dpopClient(indexedDB: IDBFactory | null = new IDBFactory()) {
  const sent: Sent[] = []
  const keys = createDpopKeyStore({ indexedDB: indexedDB ?? undefined })
  const t = createTestClient({ dpop: { keys, signer: createDpopSigner() }, adapter: recordingAdapter(sent) })
  const toMe = () => sent.filter((request) => request.url.endsWith('/me'))
  return { ...t, keys, sent, toMe }
}

const tokenOf = (authorization: string | null) => authorization?.replace(/^DPoP /, '') ?? ''

describe('DPoP in the auth client', () => {
  const { mockControl, server } = useMockServer()

  it('binds the login to the key and signs every request with a new proof for its URL and token', async () => {
    await mockControl.configure({ dpop: 'required' })
    const t = dpopClient()
    await t.signIn()
    const key = await t.keys.get()

    await t.client.http.get('/me')
    await t.client.http.get('/me')

    const [first, second] = t.toMe()
    for (const request of [first!, second!]) {
      expect(request.authorization).toMatch(/^DPoP /)
      const proof = await verifyProofLikeAServer(request.proof!)
      expect(proof).toMatchObject({ htm: 'GET', htu: 'http://localhost/api/me', thumbprint: key!.thumbprint })
      expect(proof.ath).toBe(expectedAth(tokenOf(request.authorization)))
    }
    expect((await verifyProofLikeAServer(first!.proof!)).jti).not.toBe((await verifyProofLikeAServer(second!.proof!)).jti)
    expect((await mockControl.stats()).dpopRejected).toBe(0)
  })

  it('answers a stale nonce on an app request with one new proof, not a refresh', async () => {
    await mockControl.configure({ dpop: 'required' })
    const t = dpopClient()
    await t.signIn()
    await mockControl.advanceClock(NONCE_LIFETIME + 1_000) // the token lives on, the nonce is stale

    await expect(t.client.http.get('/me')).resolves.toMatchObject({ status: 200 })

    const [challenged, retried] = t.toMe()
    const proofs = [await verifyProofLikeAServer(challenged!.proof!), await verifyProofLikeAServer(retried!.proof!)]
    expect(proofs[1]!.nonce).not.toBe(proofs[0]!.nonce)
    expect(proofs[1]!.jti).not.toBe(proofs[0]!.jti)
    const stats = await mockControl.stats()
    expect(stats).toMatchObject({ dpopNonceChallenges: LOGIN_CHALLENGE + 1, refreshCalls: 0 })
    expect(stats.requestsByEndpoint.me).toBe(2)
    expect(t.events.filter((event) => event.type === 'refresh-start')).toEqual([])
  })

  it('replays after a 401 with a proof for the NEW token (its ath)', async () => {
    await mockControl.configure({ dpop: 'required' })
    const t = dpopClient()
    await t.signIn()
    await mockControl.advanceClock(HOUR + 1_000) // only the server knows the token expired

    await expect(t.client.http.get('/me')).resolves.toMatchObject({ status: 200 })

    const [refused, replay] = t.toMe()
    expect(tokenOf(replay!.authorization)).not.toBe(tokenOf(refused!.authorization))
    expect((await verifyProofLikeAServer(replay!.proof!)).ath).toBe(expectedAth(tokenOf(replay!.authorization)))
    const refreshes = t.sent.filter((request) => request.url.endsWith('/auth/refresh'))
    // The 401 brought a fresh nonce: the refresh is not challenged.
    expect(refreshes).toEqual([expect.objectContaining({ authorization: refused!.authorization })])
    expect((await verifyProofLikeAServer(refreshes[0]!.proof!)).ath).toBe(expectedAth(tokenOf(refused!.authorization)))
    expect(t.events.filter((event) => event.type === 'refresh-start')).toHaveLength(1)
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1, dpopNonceChallenges: LOGIN_CHALLENGE, familiesRevoked: 0, dpopRejected: 0 })
  })

  it('1,000 concurrent requests with an expired token and a stale nonce → one refresh, every request succeeds', async () => {
    // Over 1,000 proofs within a minute from one client: above the mock's default per-client rate.
    await mockControl.configure({ dpop: 'required', dpopProofsPerMinute: 5_000 })
    const t = dpopClient()
    await t.signIn()
    await mockControl.advanceClock(HOUR + 1_000)
    t.advanceClientClock(HOUR + 1_000)

    const responses = await Promise.all(Array.from({ length: 1000 }, () => t.client.http.get('/me')))

    expect(responses.every((response) => response.status === 200)).toBe(true)
    expect(t.events.filter((event) => event.type === 'refresh-start')).toHaveLength(1)
    const stats = await mockControl.stats()
    // The refresh's nonce challenge is its only one: the requests then carry the nonce it brought back.
    expect(stats).toMatchObject({ refreshCalls: 2, dpopNonceChallenges: LOGIN_CHALLENGE + 1, familiesRevoked: 0, dpopRejected: 0 })
    expect(stats.requestsByEndpoint.me).toBe(1000)
    expect(new Set(t.toMe().map((request) => request.proof)).size).toBe(1000)
  }, MANY_REQUESTS_TIMEOUT_MS)

  it('300 concurrent requests that all meet a stale nonce are each re-sent once, with no refresh', async () => {
    await mockControl.configure({ dpop: 'required' })
    const t = dpopClient()
    await t.signIn()
    await mockControl.advanceClock(NONCE_LIFETIME + 1_000)

    const responses = await Promise.all(Array.from({ length: 300 }, () => t.client.http.get('/me')))

    expect(responses.every((response) => response.status === 200)).toBe(true)
    const stats = await mockControl.stats()
    expect(stats.requestsByEndpoint.me).toBeLessThanOrEqual(600)
    expect(stats.dpopNonceChallenges - LOGIN_CHALLENGE).toBe(stats.requestsByEndpoint.me - 300)
    expect(stats.dpopNonceChallenges).toBeGreaterThan(LOGIN_CHALLENGE)
    expect(stats.refreshCalls).toBe(0)
  }, MANY_REQUESTS_TIMEOUT_MS)

  it('hands a refused proof (invalid_dpop_proof) to the caller: no nonce retry, no refresh, no replay', async () => {
    await mockControl.configure({ dpop: 'required' })
    const t = dpopClient()
    await t.signIn()
    server.use(
      http.get('*/api/me', () =>
        HttpResponse.json(
          { error: 'invalid_dpop_proof' },
          { status: 401, headers: { 'WWW-Authenticate': 'DPoP algs="ES256", error="invalid_dpop_proof"', 'DPoP-Nonce': 'n-1' } },
        ),
      ),
    )

    const failure = await t.client.http.get('/me').catch((error: unknown) => error)

    expect(isAxiosError(failure) && failure.response?.status).toBe(401)
    expect(t.toMe()).toHaveLength(1)
    expect(t.events.filter((event) => event.type === 'refresh-start')).toEqual([])
    expect(t.client.getSnapshot().status).toBe('authenticated')
  })

  it.each(['../x', 'posts/../../x', '%2e%2e/x'])("sends no token and no proof with %s: it leaves the API root", async (path) => {
    await mockControl.configure({ dpop: 'required' })
    const seen: { authorization: string | null; dpop: string | null }[] = []
    server.use(
      http.get('http://localhost/x', ({ request }) => {
        seen.push({ authorization: request.headers.get('authorization'), dpop: request.headers.get('dpop') })
        return HttpResponse.json({ ok: true })
      }),
    )
    const t = dpopClient()
    await t.signIn()

    await expect(t.client.http.get(path)).resolves.toMatchObject({ status: 200 })
    expect(seen).toEqual([{ authorization: null, dpop: null }])
  })

  it('restores a bound session after a reload with the key kept in IndexedDB', async () => {
    await mockControl.configure({ dpop: 'required' })
    const indexedDB = new IDBFactory()
    await dpopClient(indexedDB).signIn()

    const reloaded = dpopClient(indexedDB)
    await expect(reloaded.client.restore()).resolves.toBe(true)
    await expect(reloaded.client.http.get('/me')).resolves.toMatchObject({ status: 200 })
    expect(reloaded.events.filter((event) => event.type === 'refresh-start')).toHaveLength(1)
  })

  it('logs out with a proof, then forgets the key: the next login (in any tab) binds to a new one, so logins are not linkable', async () => {
    await mockControl.configure({ dpop: 'required' })
    const indexedDB = new IDBFactory()
    const t = dpopClient(indexedDB)
    // Another tab of the same browser: it has read the key into memory before the logout.
    const other = dpopClient(indexedDB)
    await t.signIn()
    const { thumbprint } = (await t.keys.get())!
    expect((await other.keys.get())!.thumbprint).toBe(thumbprint)
    await t.client.logout()

    const logout = t.sent.find((request) => request.url.endsWith('/auth/logout'))
    expect((await verifyProofLikeAServer(logout!.proof!)).thumbprint).toBe(thumbprint)
    await expect(createDpopKeyStore({ indexedDB }).get()).resolves.toBeNull()

    await other.signIn()
    await other.client.http.get('/me')
    const next = (await verifyProofLikeAServer(other.toMe()[0]!.proof!)).thumbprint
    expect(next).not.toBe(thumbprint)
    // The first tab follows the new key (what the store holds), not the one it knew.
    await t.signIn()
    await t.client.http.get('/me')
    expect((await verifyProofLikeAServer(t.toMe()[0]!.proof!)).thumbprint).toBe(next)
  })

  it("ends a session whose key is gone with 'key-lost', sending nothing with another key", async () => {
    await mockControl.configure({ dpop: 'required' })
    const signedIn = dpopClient()
    await signedIn.signIn()
    const boundToken = signedIn.store.get()!

    const keyless = dpopClient(new IDBFactory()) // this profile's IndexedDB holds no key
    keyless.store.set(boundToken)
    const failure = await keyless.client.http.get('/me').catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(SessionExpiredError)
    expect(keyless.sessionEnds).toEqual(['key-lost'])
    expect(keyless.client.getSnapshot().endReason).toBe('key-lost')
    expect(keyless.sent.filter((request) => request.proof !== null)).toEqual([])
    const stats = await mockControl.stats()
    expect(stats.requestsByEndpoint.me).toBe(0)
    expect(stats.refreshCalls).toBe(0)
    expect(stats.requestsByEndpoint.logout).toBe(1) // the orphaned login's cookie is revoked
  })

  it("ends a restore whose key is gone with 'key-lost' and clears the cookie", async () => {
    await mockControl.configure({ dpop: 'required' })
    await dpopClient().signIn()

    const keyless = dpopClient(new IDBFactory())
    await expect(keyless.client.restore()).resolves.toBe(false)

    expect(keyless.client.getSnapshot()).toMatchObject({ status: 'anonymous', endReason: 'key-lost' })
    expect(keyless.sessionEnds).toEqual(['key-lost'])
    const stats = await mockControl.stats()
    expect(stats).toMatchObject({ familiesRevoked: 1 })
    // Nothing is left to restore: the next start is plainly anonymous.
    await expect(dpopClient(new IDBFactory()).client.restore()).resolves.toBe(false)
  })

  it('falls back to Bearer without IndexedDB against an optional server', async () => {
    await mockControl.configure({ dpop: 'optional' })
    const t = dpopClient(null)
    await t.signIn()
    await expect(t.client.http.get('/me')).resolves.toMatchObject({ status: 200 })
    expect(t.toMe()[0]).toMatchObject({ authorization: expect.stringMatching(/^Bearer /), proof: null })
  })

  it.each([
    ['without IndexedDB', () => dpopClient(null).client],
    ['with DPoP off', () => createTestClient({ dpop: false }).client],
  ])('is refused cleanly by a server that requires DPoP, %s', async (_label, make) => {
    await mockControl.configure({ dpop: 'required' })
    const failure = await make().login(DEMO).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(AuthRequestError)
    expect(failure).toMatchObject({ name: 'AuthRequestError', code: 'dpop_unsupported', status: 400 })
  })
})

describe("the server's DPoP-Nonce is kept only from the API's and its auth endpoints' answers", () => {
  it("a foreign answer's DPoP-Nonce, success or error, is never kept; the API's and the auth endpoints' are", async () => {
    const signer = createDpopSigner()
    signer.rememberNonce({ 'dpop-nonce': 'server-nonce-1' })
    const now = Math.floor(Date.now() / 1000)
    /** Every answer carries a nonce; one from the API's origin names its path, any other is the attacker's. */
    const adapter: AxiosAdapter = async (config) => {
      const url = new URL(client.http.getUri(config), 'https://app.example/board')
      const nonce = url.host === 'app.example' ? `nonce-for:${url.pathname}` : 'attacker-chosen'
      const status = url.search === '?fail' ? 400 : 200
      const response: AxiosResponse = { data: {}, status, statusText: '', headers: { 'dpop-nonce': nonce }, config }
      if (status >= 400) throw new AxiosError('Request failed', AxiosError.ERR_BAD_REQUEST, config, null, response)
      return response
    }
    const fetchStub = (async () => new Response('{}', { status: 200, headers: { 'DPoP-Nonce': 'attacker-chosen' } })) as typeof fetch
    const client = createAuthClient({
      baseURL: '/api',
      // Unbound: the Bearer fast path, no key needed.
      store: createMemoryTokenStore(await accessToken({ iat: now, exp: now + 900 })),
      sessionHint: false,
      adapter,
      fetch: fetchStub,
      dpop: { keys: createDpopKeyStore({ indexedDB: new IDBFactory() }), signer },
    })

    await client.http.get('https://widgets.third-party.example/embed.json')
    await client.http.get('https://widgets.third-party.example/x?fail').catch(() => undefined)
    await client.http.get('../other-app/x?fail').catch(() => undefined)
    await client.authorizedFetch('https://widgets.third-party.example/stream')
    expect(signer.currentNonce()).toBe('server-nonce-1')

    await client.http.get('/posts')
    expect(signer.currentNonce()).toBe('nonce-for:/api/posts')
    await client.http.post('/auth/logout?fail').catch(() => undefined)
    expect(signer.currentNonce()).toBe('nonce-for:/api/auth/logout')
  })
})
