// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react'
import { RecoilRoot } from 'recoil'
import { afterEach, describe, expect, it } from 'vitest'
import { useAuthBinding, type AuthBinding } from './use-auth-binding'
import { useSession, type Session } from './use-session'

/** An unsigned JWT with the given header and claims: the client only decodes, the server verifies. */
function rawToken(header: object, claims: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part(header)}.${part(claims)}.c2ln`
}

function renderSession() {
  const seen: { binding?: AuthBinding; session?: Session } = {}
  function Probe() {
    seen.binding = useAuthBinding()
    seen.session = useSession()
    return null
  }
  render(
    <RecoilRoot>
      <Probe />
    </RecoilRoot>,
  )
  return seen as Required<typeof seen>
}

describe('useSession', () => {
  afterEach(cleanup)

  it('derives the user, expiry and authentication from the token and the status', () => {
    const seen = renderSession()
    expect(seen.session).toMatchObject({ status: 'unknown', isAuthenticated: false, user: null, accessTokenExpiresAt: null })

    const token = rawToken({ alg: 'HS256' }, { sub: 'u1', email: 'a@example.com', name: 'Ada', typ: 'access', iat: 1_000, exp: 4_600 })
    act(() => seen.binding.store.set(token))
    expect(seen.session.user).toEqual({ id: 'u1', email: 'a@example.com', name: 'Ada' })
    expect(seen.session.accessTokenExpiresAt).toBe(4_600_000)
    expect(seen.session.isAuthenticated).toBe(false) // a token alone is not a session until the status says so

    act(() => seen.binding.dispatch({ type: 'signed-in' }))
    expect(seen.session.isAuthenticated).toBe(true)

    act(() => seen.binding.store.set(null))
    expect(seen.session).toMatchObject({ isAuthenticated: false, user: null, accessTokenExpiresAt: null })
  })

  it('counts the local expiry from when the token arrived, whatever the server clock says', () => {
    const seen = renderSession()
    // Issued by a server whose clock is ten years ahead; lives 20 s.
    const iat = Math.floor(Date.now() / 1000) + 10 * 365 * 24 * 3600
    const before = Date.now()
    act(() => seen.binding.store.set(rawToken({ alg: 'HS256' }, { sub: 'u1', typ: 'access', iat, exp: iat + 20 })))
    const localExpiry = seen.session.accessTokenExpiresLocallyAt!
    expect(localExpiry).toBeGreaterThanOrEqual(before + 20_000)
    expect(localExpiry).toBeLessThanOrEqual(Date.now() + 20_000)
  })

  it('treats a token that does not decode as no user', () => {
    const seen = renderSession()
    act(() => seen.binding.store.set('not-a-jwt'))
    expect(seen.session).toMatchObject({ user: null, accessTokenExpiresAt: null, accessTokenExpiresLocallyAt: null })
  })
})
