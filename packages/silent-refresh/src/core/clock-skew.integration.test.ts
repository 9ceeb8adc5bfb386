import { getAdapter, type AxiosAdapter } from 'axios'
import { describe, expect, it } from 'vitest'
import { useMockServer } from '../../../../mocks/testing'
import { createTestClient } from '../../../../tests/support/auth-client'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

describe.each([
  ['ten minutes ahead of', 10 * MINUTE],
  ['ten minutes behind', -10 * MINUTE],
])('a client clock %s the server', (_label, skewMs) => {
  const { mockControl } = useMockServer({ dpop: 'optional' })

  async function signedInWithSkew() {
    const t = createTestClient({ skewMs })
    await t.signIn()
    /** Time passes for both clocks alike. */
    const elapse = async (ms: number) => {
      await mockControl.advanceClock(ms)
      t.advanceClientClock(ms)
    }
    return { ...t, elapse }
  }

  it('does not refresh a token that is still valid for the server', async () => {
    const t = await signedInWithSkew()
    await t.elapse(50 * MINUTE)

    await Promise.all(Array.from({ length: 10 }, () => t.client.http.get('/me')))

    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 0, requestsByEndpoint: { me: 10 } })
  })

  it('refreshes within the margin, before the server would refuse the token', async () => {
    const t = await signedInWithSkew()
    await t.elapse(HOUR - 20_000)

    await Promise.all(Array.from({ length: 10 }, () => t.client.http.get('/me')))

    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1, requestsByEndpoint: { me: 10 } })
  })

  it('never sends a token the server sees as expired', async () => {
    const t = await signedInWithSkew()
    for (let round = 0; round < 3; round++) {
      await t.elapse(HOUR + 1_000)
      await Promise.all(Array.from({ length: 5 }, () => t.client.http.get('/me')))
    }
    // Every request reached /me once (no 401 and replay), with one refresh per hour.
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 3, requestsByEndpoint: { me: 15 } })
  })

  it('keeps learning the skew from each refreshed token', async () => {
    const t = await signedInWithSkew()
    await t.elapse(HOUR + 1_000)
    await t.client.http.get('/me')
    await t.elapse(50 * MINUTE)
    await t.client.http.get('/me')

    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1, requestsByEndpoint: { me: 2 } })
  })
})

/** axios's http adapter (intercepted by msw/node), with the auth answers' `Date` set by `date()` (a proxy's clock). */
function datedAuthAnswers(date: () => number): AxiosAdapter {
  const http = getAdapter('http')
  return async (config) => {
    const response = await http(config)
    if (/\/auth\//.test(config.url ?? '')) response.headers['date'] = new Date(date()).toUTCString()
    return response
  }
}

describe.each([
  ['twenty minutes', 20 * MINUTE],
  ['ten years', 10 * 365 * 24 * HOUR],
])("a proxy in front of the auth server stamps a Date %s ahead of the token's issuer (15-minute tokens)", (_label, aheadMs) => {
  const { mockControl } = useMockServer({ dpop: 'optional' })

  async function signedIn() {
    await mockControl.configure({ accessTtlMs: 15 * MINUTE })
    /** How far the test has moved the issuer's (the mock's) clock. */
    let elapsed = 0
    const t = createTestClient({ adapter: datedAuthAnswers(() => Date.now() + elapsed + aheadMs) })
    await t.signIn()
    const elapse = async (ms: number) => {
      await mockControl.advanceClock(ms)
      t.advanceClientClock(ms)
      elapsed += ms
    }
    return { ...t, elapse }
  }

  it('a token just issued is not taken for expired: ten requests, no refresh', async () => {
    const t = await signedIn()
    const snapshot = t.client.getSnapshot()
    // Its expiry on this tab's clock leaves it at least half its life.
    expect(snapshot.expiresLocallyAt! - t.clock.now).toBeGreaterThanOrEqual((snapshot.expiresAt! - snapshot.issuedAt!) / 2)

    for (let i = 0; i < 10; i++) await t.client.http.get('/me')

    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 0, requestsByEndpoint: { me: 10 } })
  })

  it('refreshes once per token, before the server would refuse it', async () => {
    const t = await signedIn()
    for (let round = 0; round < 3; round++) {
      await t.elapse(15 * MINUTE + 1_000)
      for (let i = 0; i < 5; i++) await t.client.http.get('/me')
    }
    // Every request reached /me once (no 401 and replay), with one refresh per token.
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 3, requestsByEndpoint: { me: 15 } })
  })
})
