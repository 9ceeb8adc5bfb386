import type { APIRequestContext, Page } from '@playwright/test'
import { generateKeyPair, generateProof } from 'dpop'
import { expectBoard, expectLoginPage, expectProfile, logInAsDemo, navLink, PAST_ACCESS_TOKEN_MS, writePost } from './support/app'
import { expect, test } from './support/fixtures'

/** What the page sent on its API requests: the Authorization and DPoP headers, per request. */
interface SentCredentials {
  method: string
  path: string
  authorization: string | undefined
  proof: string | undefined
}

function recordCredentials(page: Page): SentCredentials[] {
  const sent: SentCredentials[] = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (!url.pathname.startsWith('/api/')) return
    const headers = request.headers()
    sent.push({ method: request.method(), path: url.pathname, authorization: headers.authorization, proof: headers.dpop })
  })
  return sent
}

/** The latest `DPoP-Nonce` the server hands out (every answer carries one). */
async function currentNonce(request: APIRequestContext): Promise<string> {
  const nonce = (await request.get('/api/me')).headers()['dpop-nonce']
  if (!nonce) throw new Error('the server sent no DPoP-Nonce')
  return nonce
}

interface PageKey {
  extractable: boolean
  algorithm: EcKeyAlgorithm
  /** What `exportKey` did with the private key, per format: 'exported' or the error's name. */
  exported: string[]
  /** A proof signed by the page's key for `claims`, if asked. */
  proof: string | null
}

/** Keeps the page's DPoP key object in the page (as script in it could), for proofs after the app forgot the key. */
async function keepPageKey(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const pair = await new Promise<CryptoKeyPair>((resolve, reject) => {
      const open = indexedDB.open('silent-refresh-dpop')
      open.onerror = () => reject(open.error)
      open.onsuccess = () => {
        const read = open.result.transaction('keys').objectStore('keys').get('current')
        read.onerror = () => reject(read.error)
        read.onsuccess = () => resolve(read.result as CryptoKeyPair)
      }
    })
    Object.assign(globalThis, { keptDpopKey: pair })
  })
}

/**
 * The page's own DPoP key, read from IndexedDB as the page (or an XSS in it) can: what it says of itself,
 * whether it exports, and, given claims, a proof it signs (usable, never exportable). A key an attacker kept in the
 * page (`keepPageKey`) is used when there is one: the app forgets its key at logout.
 */
async function withPageKey(page: Page, claims: { htm: string; htu: string; token: string; nonce: string } | null): Promise<PageKey> {
  return page.evaluate(async (claims) => {
    const kept = (globalThis as { keptDpopKey?: CryptoKeyPair }).keptDpopKey
    const pair = kept ?? await new Promise<CryptoKeyPair>((resolve, reject) => {
      const open = indexedDB.open('silent-refresh-dpop')
      open.onerror = () => reject(open.error)
      open.onsuccess = () => {
        const read = open.result.transaction('keys').objectStore('keys').get('current')
        read.onerror = () => reject(read.error)
        read.onsuccess = () => resolve(read.result as CryptoKeyPair)
      }
    })
    const exported = await Promise.all(
      (['jwk', 'pkcs8'] as const).map((format) =>
        crypto.subtle.exportKey(format, pair.privateKey).then(
          () => 'exported',
          (error: unknown) => (error as Error).name,
        ),
      ),
    )
    const about = { extractable: pair.privateKey.extractable, algorithm: pair.privateKey.algorithm as EcKeyAlgorithm, exported }
    if (!claims) return { ...about, proof: null }
    const { htm, htu, token, nonce } = claims
    const b64 = (bytes: ArrayBuffer | Uint8Array) =>
      btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
    const json = (value: object) => b64(new TextEncoder().encode(JSON.stringify(value)))
    const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey)
    const ath = b64(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)))
    const payload = { jti: crypto.randomUUID(), htm, htu, iat: Math.floor(Date.now() / 1000), ath, nonce }
    const input = `${json({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty, crv, x, y } })}.${json(payload)}`
    const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, new TextEncoder().encode(input))
    return { ...about, proof: `${input}.${b64(signature)}` }
  }, claims)
}

const tokenOf = (authorization: string | undefined) => authorization?.replace(/^DPoP /, '') ?? ''

test.describe('DPoP with a server that requires it', () => {
  test.skip(({ target }) => target !== 'http', 'proven over real HTTP, behind the preview proxy')

  test.beforeEach(async ({ mock }) => {
    await mock.configure({ dpop: 'required' })
  })

  test('the whole app works: login, profile, board, a post, expiry and reload, every request signed', async ({ page, mock }) => {
    const sent = recordCredentials(page)
    await logInAsDemo(page)
    await navLink(page, 'Board').click()
    await expectBoard(page)
    await writePost(page, 'Signed with a key the page cannot export', 'DPoP end to end.')
    await expect(page.getByRole('heading', { name: 'Signed with a key the page cannot export' })).toBeVisible()

    await mock.advanceClock(PAST_ACCESS_TOKEN_MS) // the token and the nonce are stale
    await navLink(page, 'Profile').click()
    await expectProfile(page)
    await page.reload()
    await expectProfile(page)
    await navLink(page, 'Board').click()
    await expectBoard(page)

    const stats = await mock.stats()
    expect(stats.dpopRejected).toBe(0)
    expect(stats.familiesRevoked).toBe(0)
    expect(stats.postsCreated).toBe(1)
    const resources = sent.filter((request) => !request.path.startsWith('/api/auth/'))
    expect(resources.length).toBeGreaterThanOrEqual(4)
    for (const request of resources) {
      expect(request.authorization, `${request.method} ${request.path}`).toMatch(/^DPoP eyJ/)
      expect(request.proof, `${request.method} ${request.path}`).toMatch(/^eyJ/)
    }
    expect(new Set(resources.map((request) => request.proof)).size).toBe(resources.length)
    // htu is the page's origin: the preview proxy keeps the Host header, so the mock agrees.
    expect(sent.filter((request) => request.path === '/api/auth/login' && request.proof)).not.toHaveLength(0)
  })

  test('the private key in IndexedDB cannot be exported', async ({ page }) => {
    await logInAsDemo(page)
    const { proof: _none, ...key } = await withPageKey(page, null)
    expect(key).toEqual({ extractable: false, algorithm: { name: 'ECDSA', namedCurve: 'P-256' }, exported: ['InvalidAccessError', 'InvalidAccessError'] })
  })

  test('a token captured from the page is refused anywhere else', async ({ page, request, mock, baseURL }) => {
    const sent = recordCredentials(page)
    await logInAsDemo(page)
    const captured = sent.find((r) => r.method === 'GET' && r.path === '/api/me' && r.authorization)
    expect(captured).toBeDefined()
    const token = tokenOf(captured!.authorization)
    const nonce = await currentNonce(request)
    const before = await mock.stats()

    const attacker = await generateKeyPair('ES256')
    const attempts = {
      asBearer: { Authorization: `Bearer ${token}` },
      withoutProof: { Authorization: `DPoP ${token}` },
      withAttackerKey: {
        Authorization: `DPoP ${token}`,
        DPoP: await generateProof(attacker, `${baseURL}/api/me`, 'GET', nonce, token),
      },
      withCapturedProof: { Authorization: `DPoP ${token}`, DPoP: captured!.proof! },
    }
    for (const [how, headers] of Object.entries(attempts)) {
      const answer = await request.get('/api/me', { headers })
      expect(answer.status(), how).toBe(401)
      expect(answer.headers()['www-authenticate'], how).toMatch(/^DPoP .*error="(invalid_token|invalid_dpop_proof)"/)
    }
    expect((await mock.stats()).dpopRejected - before.dpopRejected).toBe(4)
    // The page itself carries on.
    await page.reload()
    await expectProfile(page)
  })

  test("an ended session's access token is refused at once, even with a valid proof", async ({ page, request, baseURL }) => {
    const sent = recordCredentials(page)
    await logInAsDemo(page)
    const token = tokenOf(sent.find((r) => r.path === '/api/me' && r.authorization)?.authorization)
    const post = async () => {
      const { proof } = await withPageKey(page, { htm: 'POST', htu: `${baseURL}/api/posts`, token, nonce: await currentNonce(request) })
      return request.post('/api/posts', {
        headers: { Authorization: `DPoP ${token}`, DPoP: proof!, 'Idempotency-Key': crypto.randomUUID() },
        data: { title: 'From a captured token', body: 'signed with the page key' },
      })
    }
    // The control: while the session lives, a token and a proof from the page's key are accepted.
    expect((await post()).status()).toBe(201)
    // An attacker in the page keeps the key object (usable, not exportable): the app forgets its own at logout.
    await keepPageKey(page)

    await page.getByRole('button', { name: 'Log out' }).click()
    await expectLoginPage(page)

    const afterLogout = await post()
    expect(afterLogout.status()).toBe(401)
    expect(afterLogout.headers()['www-authenticate']).toMatch(/error="invalid_token"/)
  })

  test('a session whose key was cleared from the browser ends with a clear message on reload', async ({ page, mock }) => {
    await logInAsDemo(page)
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const deletion = indexedDB.deleteDatabase('silent-refresh-dpop') // the app's connection closes itself
          deletion.onsuccess = () => resolve()
          deletion.onerror = () => reject(deletion.error)
        }),
    )
    const before = await mock.stats()

    await page.reload()
    await expectLoginPage(page, '/profile')
    await expect(page.getByRole('alert')).toContainText('no longer has the security key')
    // The orphaned login was ended on the server too.
    expect((await mock.stats()).familiesRevoked - before.familiesRevoked).toBe(1)
  })
})
