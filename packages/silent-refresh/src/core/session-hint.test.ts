import { describe, expect, it } from 'vitest'
import { useMockServer } from '../../../../mocks/testing'
import { SESSION_HINT_KEY } from './lifecycle/session-hint'
import { createTestClient } from '../../../../tests/support/auth-client'

/** One origin's localStorage, shared by the page loads of a test. */
function originStorage() {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  }
}

describe('the "may have a session" hint decides whether start-up restores', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })
  const pageLoad = (storage: ReturnType<typeof originStorage>) => createTestClient({ sessionHint: true, persistentStorage: storage })

  it('a first visit (no hint) makes no refresh call: anonymous at once, no session end', async () => {
    const storage = originStorage()
    const t = pageLoad(storage)

    await expect(t.client.restore()).resolves.toBe(false)

    expect(t.client.getSnapshot().status).toBe('anonymous')
    expect(t.events).toEqual([])
    expect(t.sessionEnds).toEqual([])
    expect((await mockControl.stats()).refreshCalls).toBe(0)
  })

  it('a login sets it (a flag, never a token) and the next page load restores with one refresh', async () => {
    const storage = originStorage()
    await pageLoad(storage).signIn()
    expect([...storage.items]).toEqual([[SESSION_HINT_KEY, '1']])

    const next = pageLoad(storage)
    await expect(next.client.restore()).resolves.toBe(true)

    expect(next.client.getSnapshot().status).toBe('authenticated')
    expect((await mockControl.stats()).refreshCalls).toBe(1)
  })

  it('a logout clears it: the next start-up asks nothing', async () => {
    const storage = originStorage()
    const first = pageLoad(storage)
    await first.signIn()
    await first.client.logout()
    expect(storage.items.has(SESSION_HINT_KEY)).toBe(false)

    await expect(pageLoad(storage).client.restore()).resolves.toBe(false)
    expect((await mockControl.stats()).refreshCalls).toBe(0)
  })

  it('a restore the server refuses (the cookie is gone) clears it: one refresh, then none on the next start', async () => {
    const storage = originStorage()
    await pageLoad(storage).signIn()
    await createTestClient().client.logout() // the cookie goes, the hint of this origin stays

    await expect(pageLoad(storage).client.restore()).resolves.toBe(false)
    expect(storage.items.has(SESSION_HINT_KEY)).toBe(false)
    await expect(pageLoad(storage).client.restore()).resolves.toBe(false)
    expect((await mockControl.stats()).refreshCalls).toBe(1)
  })

  it('a restore that cannot reach the server keeps it: the next start-up tries again', async () => {
    const storage = originStorage()
    await pageLoad(storage).signIn()
    await mockControl.failNext('refresh', 500, 2)

    await expect(pageLoad(storage).client.restore()).rejects.toThrow()
    expect(storage.items.get(SESSION_HINT_KEY)).toBe('1')
    await expect(pageLoad(storage).client.restore()).resolves.toBe(true)
  })

  it('restore() called from two places at start-up (the early module and the app) shares one refresh', async () => {
    const storage = originStorage()
    await pageLoad(storage).signIn()
    const t = pageLoad(storage)

    const early = t.client.restore()
    const app = t.client.restore()

    expect(app).toBe(early)
    await expect(app).resolves.toBe(true)
    expect((await mockControl.stats()).refreshCalls).toBe(1)
  })
})
