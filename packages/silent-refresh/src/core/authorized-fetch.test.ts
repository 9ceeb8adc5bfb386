import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { useMockServer } from '../../../../mocks/testing'
import { createTestClient } from '../../../../tests/support/auth-client'
import { expectedAth, verifyProofLikeAServer } from '../../../../tests/support/dpop-proof'
import { defaultProfile } from './backend-profile'
import { createDpopKeyStore, createDpopSigner } from './dpop'
import { NotAuthenticatedError, SessionExpiredError } from './errors'

const HOUR = 3_600_000

interface Sent {
  url: string
  authorization: string | null
  proof: string | null
}

/** The global fetch (intercepted by msw/node), recording what each request carried. */
function recordingFetch(sent: Sent[]): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers)
    sent.push({ url: String(input), authorization: headers.get('authorization'), proof: headers.get('dpop') })
    return fetch(input, init)
  }
}

const refreshStarts = (events: { type: string }[]) => events.filter((event) => event.type === 'refresh-start').length

describe('client.authorizedFetch: fetch on the client request path', () => {
  describe('Bearer', () => {
    const { mockControl } = useMockServer({ dpop: 'optional' })

    it('sends the access token under baseURL and nothing elsewhere or to the session endpoints', async () => {
      const sent: Sent[] = []
      const t = createTestClient({ fetch: recordingFetch(sent) })
      await t.signIn()
      const response = await t.client.authorizedFetch('/me')
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ email: 'demo@example.com' })
      expect(sent[0]).toEqual({ url: 'http://localhost/api/me', authorization: `Bearer ${t.store.get()}`, proof: null })
      await t.client.authorizedFetch('http://elsewhere.localhost/api/me').catch(() => undefined)
      await t.client.authorizedFetch('/auth/logout', { method: 'POST' }).catch(() => undefined)
      expect(sent.slice(1).map((request) => request.authorization)).toEqual([null, null])
    })

    it('a token only the server knows is expired: 401, the client’s one refresh, one replay; a burst shares that refresh', async () => {
      const sent: Sent[] = []
      const t = createTestClient({ fetch: recordingFetch(sent) })
      await t.signIn()
      const before = t.store.get()
      await mockControl.advanceClock(HOUR + 1000)
      const responses = await Promise.all([t.client.authorizedFetch('/me'), t.client.authorizedFetch('/posts'), t.client.http.get('/me')])
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200])
      expect((await mockControl.stats()).refreshCalls).toBe(1)
      expect(refreshStarts(t.events)).toBe(1)
      expect(sent.map((request) => request.authorization)).toEqual([`Bearer ${before}`, `Bearer ${before}`, `Bearer ${t.store.get()}`, `Bearer ${t.store.get()}`])
    })

    it('the backend profile decides which answer means "refresh and replay", reading the body of a plain 401', async () => {
      // A typical backend's expired token: 401 {"message":"jwt expired"} with no WWW-Authenticate (answered here once).
      let plain401 = true
      const fetchLike: typeof fetch = (input, init) => {
        if (plain401 && String(input).endsWith('/api/me')) {
          plain401 = false
          return Promise.resolve(new Response(JSON.stringify({ message: 'jwt expired' }), { status: 401, headers: { 'Content-Type': 'application/json' } }))
        }
        return fetch(input, init)
      }
      const isTokenRejected = (response: { status: number; body: unknown }) =>
        response.status === 401 && (response.body as { message?: string } | undefined)?.message === 'jwt expired'
      const t = createTestClient({ fetch: fetchLike, backend: { ...defaultProfile, isTokenRejected } })
      await t.signIn()
      const response = await t.client.authorizedFetch('/me')
      expect(response.status).toBe(200)
      expect((await mockControl.stats()).refreshCalls).toBe(1)

      // A profile that calls no answer a rejected token: the 401 goes to the app as it came, nothing refreshed.
      plain401 = true
      const never = createTestClient({ fetch: fetchLike, backend: { ...defaultProfile, isTokenRejected: () => false } })
      await never.signIn()
      const refused = await never.client.authorizedFetch('/me')
      expect(refused.status).toBe(401)
      expect(await refused.json()).toEqual({ message: 'jwt expired' })
      expect(refreshStarts(never.events)).toBe(0)
    })

    it('an expiring token on the client’s clock waits for the refresh first (no 401 on the wire)', async () => {
      const sent: Sent[] = []
      const t = createTestClient({ fetch: recordingFetch(sent) })
      await t.signIn()
      await mockControl.advanceClock(HOUR + 1000)
      t.advanceClientClock(HOUR + 1000)
      expect((await t.client.authorizedFetch('/me')).status).toBe(200)
      expect(sent).toHaveLength(1)
      expect((await mockControl.stats()).refreshCalls).toBe(1)
    })

    it('no session: NotAuthenticatedError and nothing sent; the login ended on the server: SessionExpiredError, the session ends once', async () => {
      const sent: Sent[] = []
      const t = createTestClient({ fetch: recordingFetch(sent) })
      await expect(t.client.authorizedFetch('/me')).rejects.toBeInstanceOf(NotAuthenticatedError)
      expect(sent).toEqual([])
      await t.signIn()
      await mockControl.failNext('refresh', 401)
      await mockControl.advanceClock(HOUR + 1000)
      await expect(t.client.authorizedFetch('/me')).rejects.toBeInstanceOf(SessionExpiredError)
      expect(t.sessionEnds).toEqual(['refresh-refused'])
    })

    it('other answers are the caller’s, as fetch: a 500 resolves, nothing is replayed', async () => {
      const t = createTestClient()
      await t.signIn()
      await mockControl.failNext('me', 500)
      expect((await t.client.authorizedFetch('/me')).status).toBe(500)
      expect((await mockControl.stats()).requestsByEndpoint.me).toBe(1)
    })

    it('aborting while it waits for the refresh rejects with the signal’s reason; the refresh goes on for the others', async () => {
      const t = createTestClient()
      await t.signIn()
      t.advanceClientClock(HOUR + 1000)
      const controller = new AbortController()
      const waiting = t.client.authorizedFetch('/me', { signal: controller.signal })
      const other = t.client.http.get('/me')
      controller.abort(new Error('left the page'))
      await expect(waiting).rejects.toThrow('left the page')
      await expect(other).resolves.toMatchObject({ status: 200 })
      expect((await mockControl.stats()).refreshCalls).toBe(1)
    })
  })

  describe('DPoP', () => {
    const { mockControl } = useMockServer()

    it('signs a proof for GET on the stream URL and the token; after expiry on the server the replay’s proof hashes the new token', async () => {
      const sent: Sent[] = []
      const keys = createDpopKeyStore({ indexedDB: new IDBFactory() })
      const t = createTestClient({ dpop: { keys, signer: createDpopSigner() }, fetch: recordingFetch(sent) })
      await t.signIn()
      await mockControl.advanceClock(HOUR + 1000)
      const controller = new AbortController()
      const response = await t.client.authorizedFetch('/posts/stream', { signal: controller.signal, headers: { Accept: 'text/event-stream' } })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
      controller.abort()
      void response.body?.cancel().catch(() => undefined)
      const [refused, replay] = sent
      expect(replay!.authorization).not.toBe(refused!.authorization)
      const proof = await verifyProofLikeAServer(replay!.proof!)
      expect(proof).toMatchObject({ htm: 'GET', htu: 'http://localhost/api/posts/stream', thumbprint: (await keys.get())!.thumbprint })
      expect(proof.ath).toBe(expectedAth(replay!.authorization!.replace(/^DPoP /, '')))
      expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1, dpopRejected: 0 })
    })
  })
})
