import { calculateThumbprint, generateKeyPair, generateProof } from 'dpop'
import { IDBFactory } from 'fake-indexeddb'
import { createAuthClient, createMemoryTokenStore } from 'silent-refresh'
import { createDpopKeyStore } from '../../packages/silent-refresh/src/core/dpop/key-store'
import { createDpopSigner } from '../../packages/silent-refresh/src/core/dpop/signer'
import { fakeAccessToken } from '../lib/fake-jwt'
import { createInstantAdapter } from '../lib/instant-adapter'
import { quantile } from '../lib/median'

/**
 * `request`: what one request pays; `part`: one step inside a proof, timed alone (what caching could
 * save); `once`: paid once per key, not per request.
 */
export type DpopCostKind = 'request' | 'part' | 'once'

export interface DpopCostRow {
  step: string
  kind: DpopCostKind
  medianMicros: number
  p95Micros: number
  /** One caller doing this back to back: 1 s / median. */
  opsPerSecond: number
}

export interface DpopBenchOptions {
  /** Timed samples per row (proof rows: one proof per sample). */
  iterations: number
  /** Untimed runs before each row. */
  warmup: number
}

const ORIGIN = 'http://localhost:5173'
const URL_PATH = '/api/posts?page=2'

interface Step {
  step: string
  kind: DpopCostKind
  fn: () => unknown
  /** Calls per timing: cheap synchronous steps need batches to be seen. */
  batch?: number
}

/**
 * Per-call µs of each step, `iterations` timings each. The steps take turns within every round, in a
 * rotating order, so the machine's load falls on all of them alike.
 */
async function sampleInTurns(steps: readonly Step[], options: DpopBenchOptions): Promise<DpopCostRow[]> {
  for (const { fn } of steps) for (let i = 0; i < options.warmup; i++) await fn()
  const micros = steps.map((): number[] => [])
  for (let round = 0; round < options.iterations; round++) {
    for (let k = 0; k < steps.length; k++) {
      const index = (round + k) % steps.length
      const { fn, batch = 1 } = steps[index]!
      const started = process.hrtime.bigint()
      for (let j = 0; j < batch; j++) await fn()
      micros[index]!.push(Number(process.hrtime.bigint() - started) / 1000 / batch)
    }
  }
  return steps.map(({ step, kind }, index) => row(step, kind, micros[index]!))
}

function row(step: string, kind: DpopCostKind, micros: readonly number[]): DpopCostRow {
  const medianMicros = quantile(micros, 0.5)
  return { step, kind, medianMicros, p95Micros: quantile(micros, 0.95), opsPerSecond: 1e6 / medianMicros }
}

/**
 * The per-request cost of DPoP beside Bearer, in process (Node's WebCrypto; a browser's differs in
 * absolute terms, so read the ratio and the parts). Every proof is awaited before the next starts.
 */
export async function measureDpopCost(options: DpopBenchOptions): Promise<DpopCostRow[]> {
  const now = Math.floor(Date.now() / 1000)
  const token = fakeAccessToken({ sub: 'u1', iatSeconds: now, expSeconds: now + 3600, jti: 'bench' })
  const keys = createDpopKeyStore({ indexedDB: new IDBFactory() })
  const key = await keys.getOrCreate()
  const { keyPair, thumbprint } = key
  const signer = createDpopSigner({ origin: ORIGIN })
  signer.rememberNonce({ 'dpop-nonce': 'bench-nonce-0123456789abcdef' })
  const headers = new Map<string, string>()
  const tokenBytes = new TextEncoder().encode(token)
  const signingInput = new TextEncoder().encode(`${'h'.repeat(250)}.${'p'.repeat(330)}`)

  // The whole client path: `client.http.get` through the interceptors to an adapter that answers at once.
  const boundToken = fakeAccessToken({ sub: 'u1', iatSeconds: now, expSeconds: now + 3600, jti: 'bench-bound', boundKey: thumbprint })
  const clientOf = (dpop: boolean) =>
    createAuthClient({
      baseURL: `${ORIGIN}/api`,
      adapter: createInstantAdapter(),
      store: createMemoryTokenStore(dpop ? boundToken : token),
      coordinator: null,
      dpop: dpop ? { keys, signer } : false,
    })
  const bearerClient = clientOf(false)
  const dpopClient = clientOf(true)

  const perRequest: Step[] = [
    { step: 'client path, Bearer token: `client.http.get` to an instant adapter', kind: 'request', fn: () => bearerClient.http.get('/me') },
    { step: 'client path, DPoP-bound token: `client.http.get` to an instant adapter (signs a proof)', kind: 'request', fn: () => dpopClient.http.get('/me') },
    // Synchronous, but awaited like every other step so the loop costs the same.
    { step: 'Bearer: set `Authorization: Bearer <token>`', kind: 'request', batch: 100, fn: () => headers.set('Authorization', `Bearer ${token}`) },
    {
      step: 'DPoP, resource request: `proofFor` with nonce and `ath`, set both headers',
      kind: 'request',
      fn: async () => {
        headers.set('DPoP', await signer.proofFor({ keyPair, method: 'GET', url: URL_PATH, accessToken: token }))
        headers.set('Authorization', `DPoP ${token}`)
      },
    },
    {
      step: 'DPoP, the same with the key looked up first (`keys.getBound(jkt)`, held in memory)',
      kind: 'request',
      fn: async () => {
        const bound = await keys.getBound(thumbprint)
        headers.set('DPoP', await signer.proofFor({ keyPair: bound.keyPair, method: 'GET', url: URL_PATH, accessToken: token }))
        headers.set('Authorization', `DPoP ${token}`)
      },
    },
    {
      step: "DPoP, the same proof made by panva's `dpop` (`generateProof`: `ath` and the JWK computed again for each proof)",
      kind: 'request',
      fn: async () => {
        headers.set('DPoP', await generateProof(keyPair, `${ORIGIN}/api/posts`, 'GET', 'bench-nonce-0123456789abcdef', token))
        headers.set('Authorization', `DPoP ${token}`)
      },
    },
    {
      step: 'DPoP, auth endpoint: `proofFor` with nonce, no `ath`',
      kind: 'request',
      fn: async () => headers.set('DPoP', await signer.proofFor({ keyPair, method: 'POST', url: '/api/auth/refresh' })),
    },
    {
      step: 'part: ECDSA P-256 signature alone (`subtle.sign`)',
      kind: 'part',
      fn: () => crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keyPair.privateKey, signingInput),
    },
    {
      step: 'part: `ath` alone, SHA-256 of the token (`subtle.digest`): kept once per token',
      kind: 'part',
      fn: () => crypto.subtle.digest('SHA-256', tokenBytes),
    },
    { step: 'part: public JWK alone (`subtle.exportKey`): kept once per key', kind: 'part', fn: () => crypto.subtle.exportKey('jwk', keyPair.publicKey) },
  ]
  const once: Step[] = [
    { step: 'once per origin: make the key pair (`generateKeyPair`)', kind: 'once', fn: () => generateKeyPair('ES256', { extractable: false }) },
    { step: 'once per key: RFC 7638 thumbprint (`calculateThumbprint`)', kind: 'once', fn: () => calculateThumbprint(keyPair.publicKey) },
  ]
  const rows = await sampleInTurns(perRequest, options)
  rows.push(...(await sampleInTurns(once, { iterations: Math.max(20, Math.round(options.iterations / 10)), warmup: Math.min(options.warmup, 20) })))
  keys.close()
  bearerClient.dispose()
  dpopClient.dispose()
  return rows
}
