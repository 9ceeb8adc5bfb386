import { describe, expect, it } from 'vitest'
import { generateKeyPair, generateProof } from 'dpop'
import { DEMO_USER } from '../../../packages/silent-refresh/src/testing/server/core/seed'
import { createDpopKey, type DpopKey, type ProofOptions } from '../dpop-keys'
import { claimsOf, type ContractTarget, type TestClient } from '../harness'
import { HOUR, MINUTE, expectError, expectRefreshRefused, mockOnly } from '../expectations'

/** Any answer carries a nonce: a cheap one is /api/me without a token. */
async function freshNonce(client: TestClient): Promise<string> {
  const response = await client.send('GET', '/api/me')
  expect(response.nonce, 'a DPoP-Nonce on every answer').toEqual(expect.any(String))
  return response.nonce!
}

async function dpopLogin(client: TestClient, key: DpopKey) {
  const nonce = await freshNonce(client)
  const dpop = await key.proof('POST', client.url('/api/auth/login'), { nonce })
  const response = await client.send('POST', '/api/auth/login', { json: DEMO_USER, dpop })
  expect(response.status).toBe(200)
  return response.body as { accessToken: string; tokenType: string; sessionExpiresAt: string }
}

async function dpopRefresh(client: TestClient, key: DpopKey, options: ProofOptions = {}) {
  const dpop = await key.proof('POST', client.url('/api/auth/refresh'), { nonce: client.nonce(), ...options })
  return client.refresh({ dpop })
}

async function getMe(client: TestClient, key: DpopKey, accessToken: string, options: ProofOptions = {}) {
  const dpop = await key.proof('GET', client.url('/api/me'), { nonce: client.nonce(), accessToken, ...options })
  return client.send('GET', '/api/me', { token: accessToken, scheme: 'DPoP', dpop })
}

function expectDpopChallenge(response: { status: number; headers: Headers }, error: string): void {
  expect(response.status).toBe(401)
  const challenge = response.headers.get('www-authenticate') ?? ''
  if (error === 'use_dpop_nonce') expect(challenge).toMatch(/^DPoP error="use_dpop_nonce"/)
  else expect(challenge).toMatch(new RegExp(`^DPoP algs="ES256", error="${error}"`))
}

export function dpopContract(target: () => ContractTarget) {
  describe('DPoP (RFC 9449)', () => {
    describe('nonces', () => {
      it('puts a DPoP-Nonce on every answer (success, error, 404)', async () => {
        await target().control.configure({ dpop: 'optional' })
        const client = target().client()
        const { accessToken } = await client.login()
        for (const response of [
          await client.send('GET', '/api/posts', { token: accessToken }),
          await client.send('GET', '/api/me'),
          await client.send('POST', '/api/auth/login', { json: {} }),
        ]) {
          expect(response.nonce).toMatch(/^[\w.-]+$/)
        }
      })

      it(mockOnly('sends no DPoP-Nonce when dpop is off'), async () => {
        await target().control.configure({ dpop: 'optional' })
        const client = target().client()
        const { accessToken } = await client.login()
        await target().control.configure({ dpop: 'off' })
        expect((await client.send('GET', '/api/posts', { token: accessToken })).nonce).toBeNull()
      })

      it('challenges a proof without a nonce: 400 use_dpop_nonce with a fresh DPoP-Nonce on /api/auth/*, then the retry binds', async () => {
        const client = target().client()
        const key = await createDpopKey()
        const challenged = await client.send('POST', '/api/auth/login', { json: DEMO_USER, dpop: await key.proof('POST', client.url('/api/auth/login')) })
        expectError(challenged, 400, 'use_dpop_nonce')
        expect(challenged.nonce).toEqual(expect.any(String))
        expect(challenged.refreshCookie).toBeUndefined()
        const dpop = await key.proof('POST', client.url('/api/auth/login'), { nonce: challenged.nonce! })
        const login = await client.send('POST', '/api/auth/login', { json: DEMO_USER, dpop })
        expect(login.status).toBe(200)
        expect(await target().control.stats()).toMatchObject({ dpopNonceChallenges: 1, dpopRejected: 0, logins: 1 })
      })

      it('refuses a nonce older than 5 minutes of the mock clock, and judges freshness by the nonce alone: iat 3 h off works', async () => {
        const client = target().client()
        const key = await createDpopKey()
        const old = await freshNonce(client)
        await target().control.advanceClock(5 * MINUTE)
        const stale = await client.send('POST', '/api/auth/login', { json: DEMO_USER, dpop: await key.proof('POST', client.url('/api/auth/login'), { nonce: old }) })
        expectError(stale, 400, 'use_dpop_nonce')
        for (const skew of [-3 * HOUR, 3 * HOUR]) {
          const dpop = await key.proof('POST', client.url('/api/auth/login'), { nonce: client.nonce(), iat: Math.floor((Date.now() + skew) / 1000) })
          expect((await client.send('POST', '/api/auth/login', { json: DEMO_USER, dpop })).status).toBe(200)
        }
      })
    })

    describe('binding at login and signup', () => {
      it('is required by default: a login or signup without a proof is 400 invalid_dpop_proof, and the refusal says so', async () => {
        const client = target().client()
        const login = await client.send('POST', '/api/auth/login', { json: DEMO_USER })
        expectError(login, 400, 'invalid_dpop_proof')
        expect((login.body as { message: string }).message).toMatch(/requires a DPoP proof/)
        expect(login.refreshCookie).toBeUndefined()
        expectError(await client.send('POST', '/api/auth/signup', { json: { email: 'new@example.com', name: 'N', password: 'password1' } }), 400, 'invalid_dpop_proof')
        expect(await target().control.stats()).toMatchObject({ logins: 0, dpopRejected: 2 })
      })

      it('without a proof ("optional" mode): tokenType "Bearer", no cnf, the token works as Bearer', async () => {
        await target().control.configure({ dpop: 'optional' })
        const client = target().client()
        const response = await client.send('POST', '/api/auth/login', { json: DEMO_USER })
        const body = response.body as { accessToken: string; tokenType: string }
        expect(body.tokenType).toBe('Bearer')
        expect(claimsOf(body.accessToken).cnf).toBeUndefined()
        expect((await client.send('GET', '/api/me', { token: body.accessToken })).status).toBe(200)
      })

      it('with a valid proof: tokenType "DPoP", cnf.jkt = the key thumbprint (RFC 7638), signup too', async () => {
        const client = target().client()
        const key = await createDpopKey()
        const body = await dpopLogin(client, key)
        expect(body.tokenType).toBe('DPoP')
        expect(claimsOf(body.accessToken).cnf).toEqual({ jkt: key.jkt })
        const other = target().client()
        const dpop = await key.proof('POST', other.url('/api/auth/signup'), { nonce: await freshNonce(other) })
        const signup = await other.send('POST', '/api/auth/signup', { json: { email: `dpop-${Date.now()}@example.com`, name: 'D', password: 'password1' }, dpop })
        expect(signup.status).toBe(201)
        expect(signup.body).toMatchObject({ tokenType: 'DPoP' })
      })

      it('accepts a proof made by panva’s dpop client library', async () => {
        const client = target().client()
        const keypair = await generateKeyPair('ES256')
        const dpop = await generateProof(keypair, client.url('/api/auth/login'), 'POST', await freshNonce(client))
        const login = await client.send('POST', '/api/auth/login', { json: DEMO_USER, dpop })
        expect(login.body).toMatchObject({ tokenType: 'DPoP' })
        const { accessToken } = login.body as { accessToken: string }
        const proof = await generateProof(keypair, client.url('/api/me'), 'GET', client.nonce(), accessToken)
        expect((await client.send('GET', '/api/me', { token: accessToken, scheme: 'DPoP', dpop: proof })).status).toBe(200)
      })

      const invalid: Array<[string, (key: DpopKey, url: string, nonce: string) => Promise<string>]> = [
        ['garbage', async () => 'not.a.proof'],
        ['typ "JWT"', (key, url, nonce) => key.proof('POST', url, { nonce, typ: 'JWT' })],
        ['a jwk with the private key (d)', (key, url, nonce) => key.proof('POST', url, { nonce, jwk: { d: key.privateJwk.d } })],
        ['htm GET on a POST', (key, url, nonce) => key.proof('GET', url, { nonce })],
        ['htu of another path', (key, url, nonce) => key.proof('POST', url.replace('/login', '/signup'), { nonce })],
        ['htu of another origin', (key, url, nonce) => key.proof('POST', 'https://evil.example/api/auth/login', { nonce })],
        ['no jti', (key, url, nonce) => key.proof('POST', url, { nonce, claims: { jti: undefined } })],
        ['a jwk of another key than the signature', async (key, url, nonce) => (await createDpopKey()).proof('POST', url, { nonce, jwk: key.publicJwk as never })],
      ]
      it.each(invalid)('refuses %s with 400 invalid_dpop_proof and counts it in dpopRejected', async (_, make) => {
        const client = target().client()
        const key = await createDpopKey()
        const dpop = await make(key, client.url('/api/auth/login'), await freshNonce(client))
        const response = await client.send('POST', '/api/auth/login', { json: DEMO_USER, dpop })
        expectError(response, 400, 'invalid_dpop_proof')
        expect(response.refreshCookie).toBeUndefined()
        expect(await target().control.stats()).toMatchObject({ dpopRejected: 1, logins: 0 })
      })

      it('refuses a PS256 proof (ES256 only)', async () => {
        const client = target().client()
        const rs = await generateKeyPair('PS256')
        const dpop = await generateProof(rs, client.url('/api/auth/login'), 'POST', await freshNonce(client))
        expectError(await client.send('POST', '/api/auth/login', { json: DEMO_USER, dpop }), 400, 'invalid_dpop_proof')
      })

      it('refuses a replayed proof (same jti) and strips query and fragment from htu', async () => {
        const client = target().client()
        const key = await createDpopKey()
        const dpop = await key.proof('POST', `${client.url('/api/auth/login')}?next=1#top`, { nonce: await freshNonce(client) })
        expect((await client.send('POST', '/api/auth/login', { json: DEMO_USER, dpop })).status).toBe(200)
        expectError(await client.send('POST', '/api/auth/login', { json: DEMO_USER, dpop }), 400, 'invalid_dpop_proof')
      })
    })

    describe('bound access tokens on resource requests', () => {
      it('answers 200 for Authorization: DPoP with a proof of the same key hashing the token (ath)', async () => {
        const client = target().client()
        const key = await createDpopKey()
        const { accessToken } = await dpopLogin(client, key)
        expect((await getMe(client, key, accessToken)).status).toBe(200)
        const post = await key.proof('POST', client.url('/api/posts'), { nonce: client.nonce(), accessToken })
        expect((await client.send('POST', '/api/posts', { token: accessToken, scheme: 'DPoP', dpop: post, json: { title: 'Bound', body: '' } })).status).toBe(201)
      })

      it('refuses the bound token as Bearer, without a proof, or with another key: 401 DPoP algs="ES256", error="invalid_token"', async () => {
        const client = target().client()
        const key = await createDpopKey()
        const { accessToken } = await dpopLogin(client, key)
        expectDpopChallenge(await client.send('GET', '/api/me', { token: accessToken }), 'invalid_token')
        expectDpopChallenge(await client.send('GET', '/api/me', { token: accessToken, dpop: await key.proof('GET', client.url('/api/me'), { nonce: client.nonce(), accessToken }) }), 'invalid_token')
        expectDpopChallenge(await client.send('GET', '/api/me', { token: accessToken, scheme: 'DPoP' }), 'invalid_token')
        expectDpopChallenge(await getMe(client, await createDpopKey(), accessToken), 'invalid_token')
        expect(await target().control.stats()).toMatchObject({ dpopRejected: 4 })
      })

      it('refuses a replayed proof and a proof hashing another token with error="invalid_dpop_proof"', async () => {
        const client = target().client()
        const key = await createDpopKey()
        const { accessToken } = await dpopLogin(client, key)
        const dpop = await key.proof('GET', client.url('/api/me'), { nonce: client.nonce(), accessToken })
        expect((await client.send('GET', '/api/me', { token: accessToken, scheme: 'DPoP', dpop })).status).toBe(200)
        expectDpopChallenge(await client.send('GET', '/api/me', { token: accessToken, scheme: 'DPoP', dpop }), 'invalid_dpop_proof')
        expectDpopChallenge(await getMe(client, key, accessToken, { accessToken: 'another.access.token' }), 'invalid_dpop_proof')
      })

      it('challenges a stale nonce with 401 WWW-Authenticate: DPoP error="use_dpop_nonce" and a fresh nonce that works', async () => {
        const client = target().client()
        const key = await createDpopKey()
        const { accessToken } = await dpopLogin(client, key)
        const stale = client.nonce()
        await target().control.advanceClock(6 * MINUTE)
        const challenged = await getMe(client, key, accessToken, { nonce: stale })
        expectDpopChallenge(challenged, 'use_dpop_nonce')
        expect(challenged.error).toBe('use_dpop_nonce')
        expect(challenged.nonce).not.toBe(stale)
        expect((await getMe(client, key, accessToken, { nonce: challenged.nonce! })).status).toBe(200)
        expect(await target().control.stats()).toMatchObject({ dpopNonceChallenges: 1, dpopRejected: 0 })
      })

      it('in "optional" mode ignores a proof sent with an unbound Bearer token', async () => {
        await target().control.configure({ dpop: 'optional' })
        const client = target().client()
        const { accessToken } = await client.login()
        const dpop = await (await createDpopKey()).proof('GET', client.url('/api/me'), { nonce: client.nonce() })
        expect((await client.send('GET', '/api/me', { token: accessToken, dpop })).status).toBe(200)
      })
    })

    describe('refresh of a bound family', () => {
      it('needs a proof of the same key: answers tokenType "DPoP" and a new bound token', async () => {
        const client = target().client()
        const key = await createDpopKey()
        await dpopLogin(client, key)
        const response = await dpopRefresh(client, key)
        expect(response.status).toBe(200)
        expect(response.body).toMatchObject({ tokenType: 'DPoP' })
        expect(claimsOf((response.body as { accessToken: string }).accessToken).cnf).toEqual({ jkt: key.jkt })
      })

      it.each([
        ['no proof', 400, 'invalid_dpop_proof', () => ({})],
        ['a stale nonce', 400, 'use_dpop_nonce', () => ({ nonce: 'stale' })],
        ['a malformed proof', 400, 'invalid_dpop_proof', () => ({ typ: 'JWT' })],
      ] as const)('refused for %s: %s %s, no Set-Cookie, the same cookie works on the retry', async (name, status, code, options) => {
        const client = target().client()
        const key = await createDpopKey()
        await dpopLogin(client, key)
        const before = client.refreshToken()
        const refused = name === 'no proof' ? await client.refresh() : await dpopRefresh(client, key, options())
        expectError(refused, status, code)
        expect(refused.refreshCookie).toBeUndefined()
        expect(refused.nonce).toEqual(expect.any(String))
        const retry = await dpopRefresh(client, key, { nonce: refused.nonce! })
        expect(retry.status).toBe(200)
        expect(claimsOf(retry.refreshCookie!.value).fam).toBe(claimsOf(before!).fam)
        expect(await target().control.stats()).toMatchObject({ refreshCalls: 2, familiesRevoked: 0, refreshFailures: 1 })
      })

      it('treats a valid proof of another key as theft: 401 invalid_refresh_token, cookie cleared, family revoked', async () => {
        const client = target().client()
        const key = await createDpopKey()
        const { accessToken } = await dpopLogin(client, key)
        const stolen = client.refreshToken()!
        expectRefreshRefused(await dpopRefresh(client, await createDpopKey()))
        const thief = await (await createDpopKey()).proof('POST', client.url('/api/auth/refresh'), { nonce: client.nonce() })
        expectRefreshRefused(await client.refresh({ cookie: stolen, dpop: thief }))
        expectRefreshRefused(await dpopRefresh(client, key))
        expectError(await getMe(client, key, accessToken), 401, 'invalid_token')
        expect(await target().control.stats()).toMatchObject({ familiesRevoked: 1 })
      })

      it('accepts the presented access token as Authorization: DPoP (or Bearer)', async () => {
        const client = target().client()
        const key = await createDpopKey()
        const { accessToken } = await dpopLogin(client, key)
        const dpop = await key.proof('POST', client.url('/api/auth/refresh'), { nonce: client.nonce() })
        expect((await client.refresh({ token: accessToken, scheme: 'DPoP', dpop })).status).toBe(200)
      })
    })

    describe('"required" mode', () => {
      it('refuses a login or signup without a proof (400 invalid_dpop_proof) and unbound tokens issued before the switch', async () => {
        await target().control.configure({ dpop: 'optional' })
        const client = target().client()
        const { accessToken } = await client.login()
        await target().control.configure({ dpop: 'required' })
        expectError(await client.send('POST', '/api/auth/login', { json: DEMO_USER }), 400, 'invalid_dpop_proof')
        expectError(await client.send('POST', '/api/auth/signup', { json: { email: 'req@example.com', name: 'R', password: 'password1' } }), 400, 'invalid_dpop_proof')
        expectDpopChallenge(await client.send('GET', '/api/me', { token: accessToken }), 'invalid_token')
        const key = await createDpopKey()
        const { accessToken: bound } = await dpopLogin(client, key)
        expect((await getMe(client, key, bound)).status).toBe(200)
      })
    })

    describe('htu: the origin the client addressed', () => {
      it('ignores X-Forwarded-Host and -Proto from a client that is not a configured proxy: a proof for another origin is refused', async () => {
        const client = target().client()
        const key = await createDpopKey()
        const nonce = await freshNonce(client)
        const forged = { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' }
        const elsewhere = await key.proof('POST', 'https://evil.example/api/auth/login', { nonce })
        expectError(await client.send('POST', '/api/auth/login', { json: DEMO_USER, dpop: elsewhere, headers: forged }), 400, 'invalid_dpop_proof')
        const here = await key.proof('POST', client.url('/api/auth/login'), { nonce })
        expect((await client.send('POST', '/api/auth/login', { json: DEMO_USER, dpop: here, headers: forged })).status).toBe(200)
      })
    })

    describe('the replay store (proof jtis, bounded by time, scoped per key)', () => {
      const loginProof = async (client: TestClient, key: DpopKey, nonce: string, jti?: string) =>
        key.proof('POST', client.url('/api/auth/login'), { nonce, jti })
      let attempts = 0
      // A new email each time: the per-email limit (5) stays out of the way.
      const wrongLogin = () => ({ email: `nobody-${++attempts}@example.com`, password: 'wrong-password' })

      it('never forgets a proof inside its window: a full store refuses new proofs with 503 and Retry-After, and a victim proof stays refused', async () => {
        await target().control.configure({ dpopReplayCapacity: 5, dpopProofsPerMinute: 1000 })
        const victim = target().client()
        const victimKey = await createDpopKey()
        const nonce = await freshNonce(victim)
        const proof = await loginProof(victim, victimKey, nonce)
        expect((await victim.send('POST', '/api/auth/login', { json: DEMO_USER, dpop: proof })).status).toBe(200)

        // No account needed: proofs from throwaway keys with a wrong password fill the store (each proof passes).
        const attacker = target().client()
        const statuses: number[] = []
        let full: Awaited<ReturnType<TestClient['send']>> | undefined
        for (let i = 0; i < 8; i++) {
          const response = await attacker.send('POST', '/api/auth/login', { json: wrongLogin(), dpop: await loginProof(attacker, await createDpopKey(), nonce) })
          statuses.push(response.status)
          if (response.status === 503) full ??= response
        }
        expect(statuses).toEqual([401, 401, 401, 401, 503, 503, 503, 503])
        expectError(full!, 503, 'temporarily_unavailable')
        const retryAfter = Number(full!.headers.get('retry-after'))
        expect(retryAfter).toBeGreaterThanOrEqual(1)
        expect(retryAfter).toBeLessThanOrEqual(5 * 60)

        // The victim's proof, replayed while its nonce is current, is never accepted again.
        const replayed = await victim.send('POST', '/api/auth/login', { json: DEMO_USER, dpop: proof })
        expect(replayed.status).not.toBe(200)
        expect(replayed.refreshCookie).toBeUndefined()
        expect(await target().control.stats()).toMatchObject({ logins: 1 })

        // Once the window has closed the store has room again (the old proofs' nonces are stale by then too).
        await target().control.advanceClock(5 * MINUTE)
        const later = await freshNonce(victim)
        expect((await victim.send('POST', '/api/auth/login', { json: DEMO_USER, dpop: await loginProof(victim, victimKey, later) })).status).toBe(200)
        expectError(await victim.send('POST', '/api/auth/login', { json: DEMO_USER, dpop: proof }), 400, 'use_dpop_nonce')
      })

      it('scopes jtis per key: the same jti from another key is not a replay, from the same key it is', async () => {
        const client = target().client()
        const nonce = await freshNonce(client)
        const [mine, other] = [await createDpopKey(), await createDpopKey()]
        expect((await client.send('POST', '/api/auth/login', { json: DEMO_USER, dpop: await loginProof(client, mine, nonce, 'same-jti') })).status).toBe(200)
        expect((await client.send('POST', '/api/auth/login', { json: DEMO_USER, dpop: await loginProof(client, other, nonce, 'same-jti') })).status).toBe(200)
        expectError(await client.send('POST', '/api/auth/login', { json: DEMO_USER, dpop: await loginProof(client, mine, nonce, 'same-jti') }), 400, 'invalid_dpop_proof')
      })

      it('rate-limits proofs per client before they reach the store: 429 with Retry-After, and the refused proof was not remembered', async () => {
        await target().control.configure({ dpopProofsPerMinute: 3 })
        const client = target().client()
        const key = await createDpopKey()
        const nonce = await freshNonce(client)
        for (let i = 0; i < 3; i++) expect((await client.send('POST', '/api/auth/login', { json: wrongLogin(), dpop: await loginProof(client, key, nonce) })).status).toBe(401)
        const proof = await loginProof(client, key, nonce)
        const limited = await client.send('POST', '/api/auth/login', { json: DEMO_USER, dpop: proof })
        expectError(limited, 429, 'too_many_requests')
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
        expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60)
        await target().control.advanceClock(MINUTE)
        expect((await client.send('POST', '/api/auth/login', { json: DEMO_USER, dpop: proof })).status).toBe(200)
      })
    })

    describe('"off" mode', () => {
      it('ignores a proof at login: tokenType "Bearer"', async () => {
        await target().control.configure({ dpop: 'off' })
        const client = target().client()
        const key = await createDpopKey()
        const dpop = await key.proof('POST', client.url('/api/auth/login'))
        const login = await client.send('POST', '/api/auth/login', { json: DEMO_USER, dpop })
        expect(login.status).toBe(200)
        expect(login.body).toMatchObject({ tokenType: 'Bearer' })
      })
    })
  })
}
