// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useMockServer } from '../../../../mocks/testing'
import { createTestClient } from '../../../../tests/support/auth-client'

/** MSW's own cookie jar in a browser-like realm: the mock's limit, named in the API contract. */
const MSW_COOKIE_STORE = '__msw-cookie-store__'
const JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/

describe('the access token never reaches web storage or document.cookie', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })
  afterEach(() => vi.restoreAllMocks())

  it('through login, proactive refresh, 401 and replay, restore and logout', async () => {
    const writes: Array<[string, string]> = []
    const setItem = Storage.prototype.setItem
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (this: Storage, key: string, value: string) {
      writes.push([key, value])
      setItem.call(this, key, value)
    })
    const t = createTestClient({ baseURL: '/api' })

    await t.signIn()
    await t.client.http.get('/me')
    t.advanceClientClock(3_600_000)
    await mockControl.advanceClock(3_600_000)
    await t.client.http.get('/posts') // proactive refresh
    await mockControl.advanceClock(3_600_000)
    await t.client.http.get('/me') // 401, refresh, replay
    await createTestClient({ baseURL: '/api' }).client.restore()
    const token = t.store.get()
    await t.client.logout()

    expect(token).toMatch(JWT)
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 3, refreshFailures: 0 })
    const leaked = writes.filter(([key, value]) => key !== MSW_COOKIE_STORE && JWT.test(value)).map(([key]) => key)
    expect(leaked).toEqual([])
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)
        if (key === null || key === MSW_COOKIE_STORE) continue
        expect(storage.getItem(key)).not.toMatch(JWT)
      }
    }
    expect(document.cookie).not.toMatch(JWT)
  })
})
