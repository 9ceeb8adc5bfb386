import { describe, expect, it } from 'vitest'
import { createClockSkew } from './clock-skew'
import { createMemoryTokenStore } from './memory-token-store'
import { accessToken } from '../../../../tests/support/tokens'
import { createTokenReader } from './token-reader'

const iat = 1_700_000_000

async function readerAt(lifetimeS: number, marginMs: number) {
  let now = iat * 1000
  const store = createMemoryTokenStore(await accessToken({ iat, exp: iat + lifetimeS }))
  const reader = createTokenReader(store, createClockSkew(() => now), marginMs)
  return { reader, store, at: (ms: number) => ((now = iat * 1000 + ms), reader.read()?.freshness) }
}

describe('createTokenReader', () => {
  it('is fresh until the margin before expiry, then expiring, then expired', async () => {
    const { at } = await readerAt(3600, 30_000)
    expect(at(0)).toBe('fresh')
    expect(at(3_569_999)).toBe('fresh')
    expect(at(3_570_000)).toBe('expiring')
    expect(at(3_599_999)).toBe('expiring')
    expect(at(3_600_000)).toBe('expired')
  })

  it('caps the margin at a third of the lifetime so 20-second tokens are used', async () => {
    const { at } = await readerAt(20, 30_000)
    expect(at(0)).toBe('fresh')
    expect(at(13_000)).toBe('fresh')
    expect(at(13_334)).toBe('expiring')
  })

  it('reads a malformed token, or none, as no token', async () => {
    const { reader, store } = await readerAt(3600, 30_000)
    store.set('not-a-jwt')
    expect(reader.read()).toBeNull()
    store.set(null)
    expect(reader.read()).toBeNull()
  })
})
