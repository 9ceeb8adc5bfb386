import { describe, expect, it } from 'vitest'
import { useMockServer } from '../../../../mocks/testing'
import { defaultProfile } from './backend-profile'
import { createTestClient } from '../../../../tests/support/auth-client'
import { openTabs } from '../../../../tests/support/open-tabs'

const HOUR = 3_600_000
const DAY = 24 * HOUR

describe('sessionExpiresAt: when the whole login ends, in the snapshot on the client clock', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })

  it('login says 14 days; the snapshot holds it in client time even with a skewed clock', async () => {
    const skewMs = -5 * 60_000
    const t = createTestClient({ skewMs })
    const before = Date.now()
    await t.signIn()

    const { sessionExpiresAt } = t.client.getSnapshot()
    expect(sessionExpiresAt).not.toBeNull()
    // 14 days from the server's now, moved onto a client clock 5 minutes behind (1 s of rounding either way).
    expect(sessionExpiresAt! - (before + 14 * DAY + skewMs)).toBeGreaterThan(-2_000)
    expect(sessionExpiresAt! - (before + 14 * DAY + skewMs)).toBeLessThan(5_000)
  })

  it('with an idle lifetime, each refresh moves it; a refresh answer updates the snapshot', async () => {
    await mockControl.configure({ idleTtlMs: 2 * HOUR })
    const t = createTestClient()
    await t.signIn()
    const first = t.client.getSnapshot().sessionExpiresAt!
    expect(first - Date.now()).toBeLessThanOrEqual(2 * HOUR + 1_000)

    await mockControl.advanceClock(HOUR)
    t.advanceClientClock(HOUR)
    await t.client.refresh()

    expect(t.client.getSnapshot().sessionExpiresAt! - first).toBeGreaterThanOrEqual(HOUR - 1_000)
  })

  it('another tab learns it with the token (login and refresh messages carry it)', async () => {
    const { tabs, signIn } = openTabs(2)
    await signIn()
    // Each tab turns the server's time into its own client time (its own skew estimate): equal within a second.
    const gap = () => Math.abs(tabs[1]!.client.getSnapshot().sessionExpiresAt! - tabs[0]!.client.getSnapshot().sessionExpiresAt!)
    expect(tabs[1]!.client.getSnapshot().sessionExpiresAt).not.toBeNull()
    expect(gap()).toBeLessThan(1_000)

    await mockControl.configure({ idleTtlMs: 2 * HOUR }) // the refresh answer now says the idle end, earlier
    await tabs[0]!.client.refresh()
    const first = tabs[1]!.client.getSnapshot().sessionExpiresAt!
    await expect.poll(() => first - tabs[1]!.client.getSnapshot().sessionExpiresAt!).toBeGreaterThan(DAY)
    expect(gap()).toBeLessThan(1_000)
  })

  it('logout clears it', async () => {
    const t = createTestClient()
    await t.signIn()
    await t.client.logout()
    expect(t.client.getSnapshot().sessionExpiresAt).toBeNull()
  })

  it("the default profile (our contract) reads only an ISO time", () => {
    const readSessionExpiresAt = (body: unknown) => defaultProfile.readTokenResponse(body).sessionExpiresAt ?? null
    expect(readSessionExpiresAt({ sessionExpiresAt: '2030-01-01T00:00:00.000Z' })).toBe(Date.UTC(2030, 0, 1))
    expect(readSessionExpiresAt({ sessionExpiresAt: 'soon' })).toBeNull()
    expect(readSessionExpiresAt({ sessionExpiresAt: 123 })).toBeNull()
    expect(readSessionExpiresAt({})).toBeNull()
    expect(readSessionExpiresAt(null)).toBeNull()
  })
})

describe('onTokenChange: for a WebSocket that must reconnect with the new token', () => {
  useMockServer({ dpop: 'optional' })

  it('called with each new token and with null when the session goes; not for other snapshot changes', async () => {
    const t = createTestClient()
    const seen: Array<string | null> = []
    const stop = t.client.onTokenChange((token) => seen.push(token))

    await t.signIn()
    const first = t.store.get()
    t.advanceClientClock(HOUR)
    await t.client.refresh()
    const second = t.store.get()
    await t.client.logout()
    stop()
    await t.signIn()

    expect(seen).toEqual([first, second, null])
    expect(first).not.toBe(second)
  })
})
