import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useMockServer } from '../../../../mocks/testing'
import { API, createTestClient } from '../../../../tests/support/auth-client'
import { createFakeTabs } from '../testing/fake-tabs'
import { createDpopKeyStore, createDpopSigner } from '../core/dpop'
import { DPOP_NONCE_KEY } from '../core/dpop/signer'
import { PENDING_LOGOUT_KEY } from '../core/lifecycle/logout'
import { SESSION_HINT_KEY } from '../core/lifecycle/restore'
import { DEFAULT_TAB_LOCK_NAME } from '../core/tabs/coordinator'
import { BOOT_NAMES, startRefreshEarly } from '.'
import { CRYPTO_OR_TABS_TIMEOUT_MS } from '../../../../tests/support/timeouts'
import type { BackendProfile } from '../core/types'

// Two clients per test over the mock, DPoP keys in IndexedDB and proofs signed and verified: a named exception to the
// 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: CRYPTO_OR_TABS_TIMEOUT_MS })

/**
 * The page's first module sends the start-up refresh (fetch, the tabs' lock, the stored DPoP key); the client made
 * later adopts its answer (`restore({ startedRefresh })`). Counted on the mock server: one refresh per page load.
 */
describe('startRefreshEarly → client.restore({ startedRefresh })', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })
  let tabs: ReturnType<typeof createFakeTabs>

  beforeEach(() => {
    tabs = createFakeTabs()
    // The browser globals the boot module reads: this origin's storage and locks (shared with the clients below).
    vi.stubGlobal('localStorage', tabs.storage)
    vi.stubGlobal('navigator', { locks: tabs.locks })
    vi.stubGlobal('indexedDB', undefined)
  })
  afterEach(() => vi.unstubAllGlobals())

  it('reads the client\'s own names: its marks, nonce, key database and lock', async () => {
    expect(BOOT_NAMES).toMatchObject({ sessionHint: SESSION_HINT_KEY, pendingLogout: PENDING_LOGOUT_KEY, dpopNonce: DPOP_NONCE_KEY, refreshLock: DEFAULT_TAB_LOCK_NAME })
    // The key store's database and record: a key it stored is the one the boot module finds.
    const indexedDB = new IDBFactory()
    vi.stubGlobal('indexedDB', indexedDB)
    const stored = await createDpopKeyStore({ indexedDB }).getOrCreate()
    const db = await new Promise<IDBDatabase>((resolve) => (indexedDB.open(BOOT_NAMES.keyDatabase).onsuccess = (event) => resolve((event.target as IDBOpenDBRequest).result)))
    const record = await new Promise((resolve) => (db.transaction('keys').objectStore('keys').get(BOOT_NAMES.keyRecord).onsuccess = (event) => resolve((event.target as IDBRequest).result)))
    expect((record as CryptoKeyPair).publicKey).toBeInstanceOf(CryptoKey)
    expect(await crypto.subtle.exportKey('jwk', (record as CryptoKeyPair).publicKey)).toEqual(await crypto.subtle.exportKey('jwk', stored.keyPair.publicKey))
    db.close()
  })

  /** An earlier page load signed in (its refresh cookie is in the jar, the hint set); the next one starts. */
  async function previousPageLoad(options: Parameters<typeof createTestClient>[0] = {}) {
    await createTestClient({ persistentStorage: tabs.storage, sessionHint: true, coordinator: tabs.coordinator(), ...options }).signIn()
  }
  const nextPageLoad = (options: Parameters<typeof createTestClient>[0] = {}) =>
    createTestClient({ persistentStorage: tabs.storage, sessionHint: true, coordinator: tabs.coordinator(), ...options })

  it('one refresh per page load: the boot\'s request is the restore, its answer adopted, nothing sent again', async () => {
    await previousPageLoad()
    const before = await mockControl.stats()
    const startedRefresh = startRefreshEarly({ baseURL: API })
    expect(startedRefresh).not.toBeNull()
    await startedRefresh // the answer arrives before the app's code (the usual order on a slow link)

    const t = nextPageLoad()
    await expect(t.client.restore({ startedRefresh })).resolves.toBe(true)

    expect((await mockControl.stats()).refreshCalls - before.refreshCalls).toBe(1)
    expect(t.events).toEqual([
      { type: 'refresh-start', reason: 'restore' },
      { type: 'refresh-success', reason: 'restore' },
      { type: 'session-start', via: 'restore' },
    ])
    await expect(t.client.http.get('/me')).resolves.toMatchObject({ data: { email: 'demo@example.com' } })
    expect((await mockControl.stats()).refreshCalls - before.refreshCalls).toBe(1)
  })

  it('the client made while the request is still out waits for its answer (still one refresh)', async () => {
    await previousPageLoad()
    const before = (await mockControl.stats()).refreshCalls
    const t = nextPageLoad()
    await expect(t.client.restore({ startedRefresh: startRefreshEarly({ baseURL: API }) })).resolves.toBe(true)
    expect((await mockControl.stats()).refreshCalls - before).toBe(1)
  })

  it('with DPoP: signs with the stored key and the kept nonce; the bound token then works with the client\'s proofs', async () => {
    const indexedDB = new IDBFactory()
    vi.stubGlobal('indexedDB', indexedDB)
    await mockControl.configure({ dpop: 'required' })
    const dpop = () => ({ keys: createDpopKeyStore({ indexedDB }), signer: createDpopSigner({ nonceStorage: tabs.storage }) })
    await previousPageLoad({ dpop: dpop() })
    const before = await mockControl.stats()

    const startedRefresh = startRefreshEarly({ baseURL: API })
    const answer = await startedRefresh
    expect(answer).toMatchObject({ status: 200, proof: true })
    const t = nextPageLoad({ dpop: dpop() })
    await expect(t.client.restore({ startedRefresh })).resolves.toBe(true)

    await expect(t.client.http.get('/me')).resolves.toMatchObject({ status: 200 })
    const after = await mockControl.stats()
    expect(after.refreshCalls - before.refreshCalls).toBe(1)
    // The kept nonce was current: no challenge, one request.
    expect(after.requestsByEndpoint.refresh - before.requestsByEndpoint.refresh).toBe(1)
  })

  it('a DPoP nonce challenge to the boot\'s request is answered once, by the client (one retry, no family revoked)', async () => {
    const indexedDB = new IDBFactory()
    vi.stubGlobal('indexedDB', indexedDB)
    await mockControl.configure({ dpop: 'required' })
    const dpop = () => ({ keys: createDpopKeyStore({ indexedDB }), signer: createDpopSigner({ nonceStorage: tabs.storage }) })
    await previousPageLoad({ dpop: dpop() })
    tabs.storage.removeItem(DPOP_NONCE_KEY) // no kept nonce: the server challenges
    const before = await mockControl.stats()

    const startedRefresh = startRefreshEarly({ baseURL: API })
    expect(await startedRefresh).toMatchObject({ status: 400, data: { error: 'use_dpop_nonce' } })
    const t = nextPageLoad({ dpop: dpop() })
    await expect(t.client.restore({ startedRefresh })).resolves.toBe(true)

    const after = await mockControl.stats()
    // The challenged request and its one retry (with the nonce it gave): as the client alone sends them.
    expect(after.refreshCalls - before.refreshCalls).toBe(2)
    expect(after.dpopNonceChallenges - before.dpopNonceChallenges).toBe(1)
    expect(after.familiesRevoked).toBe(before.familiesRevoked)
  })

  it('a lost answer is retried once by the client, which then has the session', async () => {
    await previousPageLoad()
    await mockControl.failNext('refresh', 'network')
    const startedRefresh = startRefreshEarly({ baseURL: API })
    expect(await startedRefresh).toMatchObject({ error: 'network' })

    const t = nextPageLoad()
    await expect(t.client.restore({ startedRefresh })).resolves.toBe(true)
    expect(t.events.map((event) => event.type)).toEqual(['refresh-start', 'refresh-retry', 'refresh-success', 'session-start'])
  })

  it('refused (no cookie): anonymous, no session end, nothing sent again', async () => {
    await previousPageLoad()
    await createTestClient().client.logout() // clears the cookie
    tabs.storage.setItem(SESSION_HINT_KEY, '1') // the hint outlived the cookie (it expired, or was revoked elsewhere)
    const before = (await mockControl.stats()).requestsByEndpoint.refresh
    const startedRefresh = startRefreshEarly({ baseURL: API })
    expect(await startedRefresh).toMatchObject({ status: 401 })

    const t = nextPageLoad()
    await expect(t.client.restore({ startedRefresh })).resolves.toBe(false)
    expect(t.sessionEnds).toEqual([])
    expect(t.client.getSnapshot().status).toBe('anonymous')
    expect((await mockControl.stats()).requestsByEndpoint.refresh - before).toBe(1)
  })

  it('speaks the profile: refreshURL and headers as its endpoints.refresh and authHeaders; the answer says where it went', async () => {
    await previousPageLoad()
    const sent: { url: string; headers: Headers }[] = []
    const realFetch = globalThis.fetch
    vi.stubGlobal('fetch', (input: string, init: RequestInit) => {
      sent.push({ url: String(input), headers: new Headers(init.headers) })
      return realFetch(input, init)
    })
    const answer = await startRefreshEarly({ refreshURL: `${API}/auth/refresh`, headers: { 'X-Requested-With': 'XMLHttpRequest', 'X-Team': 'ours' } })
    expect(answer).toMatchObject({ status: 200, url: `${API}/auth/refresh` })
    expect(sent).toHaveLength(1)
    expect(sent[0]?.headers.get('x-team')).toBe('ours')

    // A typical backend's: its own path, no CSRF header.
    tabs.storage.setItem(SESSION_HINT_KEY, '1')
    sent.length = 0
    vi.stubGlobal('fetch', (input: string, init: RequestInit) => {
      sent.push({ url: String(input), headers: new Headers(init.headers) })
      return Promise.resolve(new Response('{}', { status: 401 }))
    })
    expect(await startRefreshEarly({ refreshURL: 'http://localhost/auth/refresh', headers: {} })).toMatchObject({ status: 401, url: 'http://localhost/auth/refresh' })
    expect(sent.map((request) => [request.url, request.headers.get('x-requested-with')])).toEqual([['http://localhost/auth/refresh', null]])
  })

  it('an answer from another endpoint than the profile\'s is not adopted: a console warning, and the client refreshes itself', async () => {
    await previousPageLoad()
    const before = (await mockControl.stats()).refreshCalls
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    // What a boot module told the wrong endpoint got back: a 200 that is not this backend's refresh.
    const startedRefresh = Promise.resolve({ status: 200, headers: {}, data: { accessToken: 'not-ours' }, proof: false, url: 'http://localhost/old-api/auth/refresh' })
    const t = nextPageLoad()
    await expect(t.client.restore({ startedRefresh })).resolves.toBe(true)
    expect(t.store.get()).not.toBe('not-ours')
    expect((await mockControl.stats()).refreshCalls - before).toBe(1)
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('http://localhost/old-api/auth/refresh'))
    warn.mockRestore()
  })

  it('sends nothing without the session hint, or with a pending logout (the client sends that first)', () => {
    expect(startRefreshEarly({ baseURL: API })).toBeNull()
    tabs.storage.setItem(SESSION_HINT_KEY, '1')
    tabs.storage.setItem(PENDING_LOGOUT_KEY, JSON.stringify({ since: Date.now() }))
    expect(startRefreshEarly({ baseURL: API })).toBeNull()
  })

  it('onSent: told once, when the request has left and before its answer (the page then asks for the app\'s code)', async () => {
    await previousPageLoad()
    let answer!: (response: Response) => void
    vi.stubGlobal('fetch', () => new Promise<Response>((resolve) => (answer = resolve)))
    let release!: () => void
    const otherTab = tabs.locks.request(DEFAULT_TAB_LOCK_NAME, {}, () => new Promise<void>((resolve) => (release = resolve)))
    await vi.waitFor(() => expect(tabs.locks.isHeld(DEFAULT_TAB_LOCK_NAME)).toBe(true))
    const onSent = vi.fn()

    const startedRefresh = startRefreshEarly({ baseURL: API, onSent })
    await vi.waitFor(() => expect(tabs.locks.pending(DEFAULT_TAB_LOCK_NAME)).toBe(1))
    expect(onSent).not.toHaveBeenCalled() // another tab refreshes: nothing has left yet
    release()
    await otherTab
    await vi.waitFor(() => expect(onSent).toHaveBeenCalledTimes(1))
    answer(new Response('{}', { status: 401 }))
    expect(await startedRefresh).toMatchObject({ status: 401 })
    expect(onSent).toHaveBeenCalledTimes(1)
  })

  it('onSent: told at once when nothing will be sent, and when the lock\'s wait is given up', async () => {
    const onSent = vi.fn()
    expect(startRefreshEarly({ baseURL: API, onSent })).toBeNull() // no session hint
    expect(onSent).toHaveBeenCalledTimes(1)

    await previousPageLoad()
    const otherTab = tabs.locks.request(DEFAULT_TAB_LOCK_NAME, {}, () => new Promise<void>(() => undefined))
    await vi.waitFor(() => expect(tabs.locks.isHeld(DEFAULT_TAB_LOCK_NAME)).toBe(true))
    const givenUp = vi.fn()
    await expect(startRefreshEarly({ baseURL: API, lockWaitMs: 20, onSent: givenUp })).resolves.toBeNull()
    expect(givenUp).toHaveBeenCalledTimes(1)
    void otherTab
  })

  it('waits for the tabs\' lock: while another tab refreshes, the request does not leave', async () => {
    await previousPageLoad()
    const before = (await mockControl.stats()).requestsByEndpoint.refresh
    let release!: () => void
    const otherTab = tabs.locks.request(DEFAULT_TAB_LOCK_NAME, {}, () => new Promise<void>((resolve) => (release = resolve)))
    await vi.waitFor(() => expect(tabs.locks.isHeld(DEFAULT_TAB_LOCK_NAME)).toBe(true))

    const startedRefresh = startRefreshEarly({ baseURL: API })
    await vi.waitFor(() => expect(tabs.locks.pending(DEFAULT_TAB_LOCK_NAME)).toBe(1))
    expect((await mockControl.stats()).requestsByEndpoint.refresh).toBe(before)

    release()
    await otherTab
    expect(await startedRefresh).toMatchObject({ status: 200 })
    expect((await mockControl.stats()).requestsByEndpoint.refresh).toBe(before + 1)
  })
})

describe('startRefreshEarly: the refresh body, as the profile writes it', () => {
  afterEach(() => vi.unstubAllGlobals())

  /** A page with the session hint set and the tabs' locks, whose `fetch` records what `seen` takes of each request (answered 401). */
  function pageRecording<T>(seen: (init: RequestInit) => T): T[] {
    const tabs = createFakeTabs()
    tabs.storage.setItem(BOOT_NAMES.sessionHint, '1')
    vi.stubGlobal('localStorage', tabs.storage)
    vi.stubGlobal('navigator', { locks: tabs.locks })
    const sent: T[] = []
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      sent.push(seen(init))
      return new Response('{}', { status: 401, headers: { 'Content-Type': 'application/json' } })
    })
    return sent
  }

  it("sends {} as JSON by default, and a URLSearchParams as a form (a profile's writeRequest({ endpoint: 'refresh' }))", async () => {
    const sent = pageRecording((init) => ({ body: init.body, contentType: new Headers(init.headers).get('content-type') }))

    await startRefreshEarly({ dpop: false })
    await startRefreshEarly({ dpop: false, refreshURL: '/oauth/token', body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'spa' }) })

    expect(sent).toEqual([
      { body: '{}', contentType: 'application/json' },
      { body: 'grant_type=refresh_token&client_id=spa', contentType: 'application/x-www-form-urlencoded;charset=UTF-8' },
    ])
  })

  it("takes a profile's fields as they are: a profile without authHeaders or writeRequest passes undefined, which is the default", async () => {
    const sent = pageRecording((init) => ({ body: init.body, csrf: new Headers(init.headers).get('x-requested-with') }))
    const backend: Pick<BackendProfile, 'endpoints' | 'authHeaders' | 'writeRequest'> = { endpoints: { login: '/v1/sessions', refresh: '/v1/sessions/current', logout: '/v1/sessions/current' } }

    // The README's lines, as a strict tsconfig with exactOptionalPropertyTypes takes them (the options say `| undefined`).
    await startRefreshEarly({ dpop: false, refreshURL: backend.endpoints.refresh, headers: backend.authHeaders, body: backend.writeRequest?.({ endpoint: 'refresh' }) })

    expect(sent).toEqual([{ body: '{}', csrf: 'XMLHttpRequest' }])
  })
})
