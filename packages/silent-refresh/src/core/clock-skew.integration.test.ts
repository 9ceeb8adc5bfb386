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
