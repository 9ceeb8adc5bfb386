import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import axios from 'axios'
import { useMockServer } from '../../../../mocks/testing'
import { NotAuthenticatedError, RefreshUnavailableError } from './errors'
import { rawToken } from '../../../../tests/support/tokens'
import { createTestClient, deferred, holdingAdapter } from '../../../../tests/support/auth-client'

const HOUR = 3_600_000
const nowS = Math.floor(Date.now() / 1000)

describe('tokens the client must not use', () => {
  const { mockControl, server } = useMockServer({ dpop: 'optional' })

  it.each([
    ['a malformed token', 'not.a.jwt'],
    ['a token without exp', rawToken({ alg: 'HS256' }, { sub: 'u', typ: 'access', iat: nowS })],
    ['an alg: none token', rawToken({ alg: 'none' }, { sub: 'u', typ: 'access', iat: nowS, exp: nowS + 3600 }, '')],
  ])('%s in the store counts as no session: nothing is sent with it', async (_label, token) => {
    const t = createTestClient()
    t.store.set(token)

    await expect(t.client.http.get('/me')).rejects.toBeInstanceOf(NotAuthenticatedError)
    expect((await mockControl.stats()).requestsByEndpoint.me).toBe(0)
  })

  it('a malformed token in the store is not presented to the refresh endpoint (which would revoke the family)', async () => {
    await createTestClient().signIn()
    const t = createTestClient()
    t.store.set('not.a.jwt')

    await expect(t.client.restore()).resolves.toBe(true)
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1, familiesRevoked: 0 })
  })

  it.each([
    ['a malformed token', 'garbage'],
    ['an alg: none token', rawToken({ alg: 'none' }, { sub: 'u', typ: 'access', iat: nowS, exp: nowS + 3600 }, '')],
    ['no token at all', undefined],
  ])('a refresh answered with %s is a failed refresh, not a crash; the session is kept', async (_label, accessToken) => {
    const t = createTestClient()
    await t.signIn()
    const before = t.store.get()
    server.use(http.post('*/api/auth/refresh', () => HttpResponse.json({ accessToken }), { once: true }))
    t.advanceClientClock(HOUR + 1_000)

    await expect(t.client.http.get('/me')).rejects.toBeInstanceOf(RefreshUnavailableError)
    expect(t.store.get()).toBe(before)
    expect(t.sessionEnds).toEqual([])
  })

  it('a login answered with a malformed token fails with invalid_response and stores nothing', async () => {
    const t = createTestClient()
    server.use(
      http.post('*/api/auth/login', () => HttpResponse.json({ accessToken: 'garbage', user: { id: '1', email: 'a@b.c', name: 'A', createdAt: '' } }), { once: true }),
    )

    await expect(t.signIn()).rejects.toMatchObject({ name: 'AuthRequestError', code: 'invalid_response' })
    expect(t.store.get()).toBeNull()
  })
})

describe('requests with no session, and aborted requests', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })

  it('a request with no session fails fast with NotAuthenticatedError, without a refresh', async () => {
    const t = createTestClient()
    const error = await t.client.http.get('/posts').catch((e: unknown) => e)

    expect(error).toBeInstanceOf(NotAuthenticatedError)
    expect(error).toMatchObject({ name: 'NotAuthenticatedError' })
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 0, requestsByEndpoint: { posts: 0 } })
  })

  it('the auth endpoints through the app instance are left alone: a 401 there never refreshes', async () => {
    const t = createTestClient()
    await t.signIn()
    const error = await t.client.http
      .post('/auth/login', { email: 'demo@example.com', password: 'wrong' }, { headers: { 'Content-Type': 'application/json' } })
      .catch((e: unknown) => e)

    expect(axios.isAxiosError(error) && error.response?.status).toBe(401)
    expect((await mockControl.stats()).refreshCalls).toBe(0)
  })

  it('a request aborted while it waits for a refresh rejects at once as cancelled; the refresh goes on for the others', async () => {
    const release = deferred()
    const t = createTestClient({
      adapter: holdingAdapter((config) => (config.url === '/auth/refresh' ? release.promise : undefined)),
    })
    await t.signIn()
    await mockControl.advanceClock(HOUR + 1_000)
    t.advanceClientClock(HOUR + 1_000)
    const controller = new AbortController()

    const other = t.client.http.get('/me')
    const aborted = t.client.http.get('/me', { signal: controller.signal }).catch((e: unknown) => e)
    await expect.poll(async () => (await mockControl.stats()).refreshCalls).toBe(1)
    controller.abort()

    const error = await aborted
    expect(axios.isCancel(error)).toBe(true)
    expect(error).toMatchObject({ name: 'CanceledError' })

    release.resolve()
    await expect(other).resolves.toMatchObject({ status: 200 })
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1, requestsByEndpoint: { me: 1 } })
  })

  it('a request whose signal already fired rejects as cancelled without waiting', async () => {
    const t = createTestClient()
    await t.signIn()
    t.advanceClientClock(HOUR + 1_000)

    const error = await t.client.http.get('/me', { signal: AbortSignal.abort() }).catch((e: unknown) => e)

    expect(axios.isCancel(error)).toBe(true)
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 0, requestsByEndpoint: { me: 0 } })
  })
})
