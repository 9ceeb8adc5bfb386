import { describe, expect, it } from 'vitest'
import { useMockServer } from '../../../../mocks/testing'
import { NotAuthenticatedError, RefreshUnavailableError } from './errors'
import { createTestClient } from '../../../../tests/support/auth-client'

describe('restore() at start-up', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })

  /** A session left by an earlier page load: its refresh cookie sits in the (per-file) cookie jar. */
  async function previousPageLoad() {
    await createTestClient().signIn()
  }

  it('with a refresh cookie: one refresh, shared by concurrent callers, and the session starts', async () => {
    await previousPageLoad()
    const t = createTestClient()

    const results = await Promise.all([t.client.restore(), t.client.restore(), t.client.restore()])

    expect(results).toEqual([true, true, true])
    expect(t.store.get()).toEqual(expect.any(String))
    expect(t.events).toEqual([
      { type: 'refresh-start', reason: 'restore' },
      { type: 'refresh-success', reason: 'restore' },
      { type: 'session-start', via: 'restore' },
    ])
    await expect(t.client.http.get('/me')).resolves.toMatchObject({ data: { email: 'demo@example.com' } })
    expect((await mockControl.stats()).refreshCalls).toBe(1)
  })

  it('a second restore (React StrictMode mounts twice) does not refresh again', async () => {
    await previousPageLoad()
    const t = createTestClient()
    await t.client.restore()
    await expect(t.client.restore()).resolves.toBe(true)
    expect((await mockControl.stats()).refreshCalls).toBe(1)
  })

  it('without a refresh cookie: resolves false, anonymous, no session end reported', async () => {
    await previousPageLoad()
    await createTestClient().client.logout() // clears the cookie
    const t = createTestClient()

    await expect(t.client.restore()).resolves.toBe(false)

    expect(t.sessionEnds).toEqual([])
    expect(t.events.some((e) => e.type === 'session-end')).toBe(false)
    expect(t.store.get()).toBeNull()
  })

  it('requests made while restore runs wait for it and then go out with the token', async () => {
    await previousPageLoad()
    const t = createTestClient()
    const restoring = t.client.restore()
    const me = t.client.http.get('/me')

    await expect(restoring).resolves.toBe(true)
    await expect(me).resolves.toMatchObject({ status: 200 })
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1, requestsByEndpoint: { me: 1 } })
  })

  it('requests made while a restore finds no session fail with NotAuthenticatedError', async () => {
    await createTestClient().client.logout()
    const t = createTestClient()
    const restoring = t.client.restore()
    const me = t.client.http.get('/me')

    await expect(restoring).resolves.toBe(false)
    await expect(me).rejects.toBeInstanceOf(NotAuthenticatedError)
    expect((await mockControl.stats()).requestsByEndpoint.me).toBe(0)
  })

  it('when the server cannot be reached: rejects with RefreshUnavailableError, and a retry works', async () => {
    await previousPageLoad()
    const t = createTestClient()
    await mockControl.failNext('refresh', 'network', 2) // the quick retry fails too

    await expect(t.client.restore()).rejects.toBeInstanceOf(RefreshUnavailableError)
    await expect(t.client.restore()).resolves.toBe(true)
    expect(t.sessionEnds).toEqual([])
  })
})
