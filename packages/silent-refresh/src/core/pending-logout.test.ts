import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { server } from '../../../../mocks'
import { useMockServer } from '../../../../mocks/testing'
import { PENDING_LOGOUT_KEY } from './lifecycle/pending-logout'
import { createTestClient } from '../../../../tests/support/auth-client'
import { fakePage } from '../../../../tests/support/lifecycle'

/** The origin's `localStorage`, shared by every client (tab) of a test and surviving a "restart". */
function sharedStorage() {
  const items = new Map<string, string>()
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    values: () => [...items.values()],
  }
}

describe('a logout the server could not hear is finished later, before anything is restored', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })

  const failWith503 = () => server.use(http.post('*/api/auth/logout', () => new HttpResponse(null, { status: 503 }), { once: true }))

  it.each([
    // The mock counts the logouts it handled (an injected failure included, a `server.use` override not).
    ['a network error', () => mockControl.failNext('logout', 'network'), 2],
    ['a 500', () => mockControl.failNext('logout', 500), 2],
    ['a 503', failWith503, 1],
    ['a lost answer', () => mockControl.failNext('logout', 'lost-response'), 2],
  ])('after %s: signed out here, told so, and the next start logs out first and restores nothing', async (_label, fail, logoutsSeen) => {
    const storage = sharedStorage()
    const t = createTestClient({ persistentStorage: storage })
    await t.signIn()
    await fail()

    const result = await t.client.logout()

    expect(result).toMatchObject({ serverConfirmed: false })
    expect(t.client.getSnapshot()).toMatchObject({ status: 'anonymous', logoutPending: true, user: null })
    expect(t.events).toContainEqual({ type: 'logout-pending' })
    expect(t.store.get()).toBeNull()
    // The mark is a flag and a time: no token.
    expect(storage.values()).toHaveLength(1)
    expect(JSON.parse(storage.values()[0]!)).toEqual({ since: expect.any(Number) })

    // Restart: a new client over the same storage (and the same cookie jar).
    const next = createTestClient({ persistentStorage: storage })
    await expect(next.client.restore()).resolves.toBe(false)

    expect(next.client.getSnapshot()).toMatchObject({ status: 'anonymous', logoutPending: false })
    expect(next.events).toContainEqual({ type: 'logout-completed' })
    expect(storage.getItem(PENDING_LOGOUT_KEY)).toBeNull()
    const stats = await mockControl.stats()
    expect(stats.familiesRevoked).toBe(1)
    expect(stats.requestsByEndpoint.logout).toBe(logoutsSeen)
    // The cookie restores nothing afterwards either.
    await expect(createTestClient({ persistentStorage: storage }).client.restore()).resolves.toBe(false)
  })

  it('while the pending logout still cannot be sent, a restore stays anonymous and never refreshes', async () => {
    const storage = sharedStorage()
    const t = createTestClient({ persistentStorage: storage })
    await t.signIn()
    await mockControl.failNext('logout', 'network', 2)
    await t.client.logout()

    const next = createTestClient({ persistentStorage: storage })
    await expect(next.client.restore()).resolves.toBe(false)

    expect(next.client.getSnapshot()).toMatchObject({ status: 'anonymous', logoutPending: true })
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 0, familiesRevoked: 0 })
    expect(storage.getItem(PENDING_LOGOUT_KEY)).not.toBeNull()
  })

  it('offline: no request, pending at once; `online` finishes it', async () => {
    const storage = sharedStorage()
    const page = fakePage()
    const t = createTestClient({ persistentStorage: storage, isOnline: page.isOnline })
    t.client.connectLifecycle(page.sources)
    await t.signIn()
    page.goOffline()

    await expect(t.client.logout()).resolves.toMatchObject({ serverConfirmed: false, cause: expect.objectContaining({ name: 'OfflineError' }) })
    expect((await mockControl.stats()).requestsByEndpoint.logout).toBe(0)

    page.goOnline()
    await expect.poll(() => t.client.getSnapshot().logoutPending).toBe(false)
    expect(await mockControl.stats()).toMatchObject({ familiesRevoked: 1, requestsByEndpoint: { logout: 1 } })
    await expect(createTestClient({ persistentStorage: storage }).client.restore()).resolves.toBe(false)
  })

  it('a logout the server heard leaves no mark', async () => {
    const storage = sharedStorage()
    const t = createTestClient({ persistentStorage: storage })
    await t.signIn()
    await expect(t.client.logout()).resolves.toEqual({ serverConfirmed: true })
    expect(storage.values()).toEqual([])
    expect(t.client.getSnapshot().logoutPending).toBe(false)
  })

  it('a login after a pending logout clears the mark (its cookie replaced the old one)', async () => {
    const storage = sharedStorage()
    const t = createTestClient({ persistentStorage: storage })
    await t.signIn()
    await mockControl.failNext('logout', 'network', 3)
    await t.client.logout()

    await t.signIn()

    expect(storage.values()).toEqual([])
    expect(t.client.getSnapshot()).toMatchObject({ status: 'authenticated', logoutPending: false })
    await expect(createTestClient({ persistentStorage: storage }).client.restore()).resolves.toBe(true)
  })
})
