import { describe, expect, it } from 'vitest'
import { useMockServer } from '../../../../mocks/testing'
import { createTestClient } from '../../../../tests/support/auth-client'
import { manualTimers } from '../testing/manual-timers'
import { AuthError } from './errors'

describe('client.dispose(): a disposed client sends nothing more', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })

  it('a quick retry still waiting is dropped; refresh, logout and authorizedFetch reject with code disposed', async () => {
    const time = manualTimers() // nothing fires by itself: the retry waits for advance()
    const t = createTestClient({ timers: time.timers })
    await t.signIn()
    await mockControl.failNext('refresh', 500)
    const refreshing = t.client.refresh()
    refreshing.catch(() => undefined)
    await expect.poll(() => t.events.some((event) => event.type === 'refresh-retry')).toBe(true)
    expect((await mockControl.stats()).refreshCalls).toBe(1)

    // Another test's app, another page: whatever this client left pending must not use the next session's cookie.
    t.client.dispose()
    time.advance(1_000)
    await expect(refreshing).rejects.toBeInstanceOf(AuthError)
    await expect(t.client.refresh()).rejects.toMatchObject({ code: 'disposed' })
    await expect(t.client.logout()).rejects.toMatchObject({ code: 'disposed' })
    await expect(t.client.login({ email: 'a@example.com', password: 'x' })).rejects.toMatchObject({ code: 'disposed' })
    await expect(t.client.checkSession('visible')).resolves.toBeUndefined()
    await expect(t.client.authorizedFetch('/me')).rejects.toMatchObject({ code: 'disposed' })
    expect((await mockControl.stats()).refreshCalls).toBe(1)
    expect((await mockControl.stats()).requestsByEndpoint.logout).toBe(0)
  })
})
