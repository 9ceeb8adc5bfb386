/**
 * `silent-refresh/boot`: the start-up refresh, sent by the page's first module before the app's code (axios, the
 * client, React) has arrived, in a few kilobytes: `fetch`, the tabs' lock, the origin's DPoP key from IndexedDB and
 * a proof with the kept nonce. The auth client adopts the answer later: `client.restore({ startedRefresh })`.
 * It reads the same marks as the client and decides the same way: a pending logout or no session hint → nothing is
 * sent here (the client's restore sends the logout first, or asks nothing).
 */
import { openKeyDatabase, readRecord } from '../core/dpop/idb'
import { createProofMaker, htuOf } from '../core/dpop/proof'
import type { AuthMethod, StartedRefreshAnswer } from '../core/types'

/**
 * The names the client keeps its marks, key, nonce and lock under. Written out here, not imported: a module shared with
 * the client's code would be bundled into the page's first module whole (boot.test.ts checks they are the client's).
 */
export const BOOT_NAMES = {
  sessionHint: 'session-hint',
  pendingLogout: 'auth:pending-logout',
  dpopNonce: 'dpop-nonce',
  keyDatabase: 'silent-refresh-dpop',
  keyRecord: 'current',
  refreshLock: 'silent-refresh:refresh',
} as const

/** The key of the "may have a session" hint in `localStorage` (`1` or absent), as the client's `SESSION_HINT_KEY`. */
export const SESSION_HINT_KEY = BOOT_NAMES.sessionHint

export type { StartedRefreshAnswer } from '../core/types'

export interface StartRefreshEarlyOptions {
  /** The API root, as the client's `baseURL`. Default `/api`. */
  baseURL?: string
  /**
   * The refresh endpoint, as the backend profile's `endpoints.refresh` (a path from the origin or a full URL).
   * Default: `${baseURL}/auth/refresh`: the default profile's `/api/auth/refresh` when `baseURL` is `/api`; otherwise
   * pass the profile's `endpoints.refresh`. The client adopts the answer only from its profile's endpoint.
   */
  refreshURL?: string
  /**
   * The refresh's HTTP method, as the profile's `methods.refresh`; the DPoP proof names it (`htm`). Default (also for
   * `undefined`: a profile without `methods`) `POST`. The client adopts the answer only when it is its profile's method.
   *
   * @example
   * startRefreshEarly({ refreshURL: backend.endpoints.refresh, method: backend.methods?.refresh }) // PUT /v1/sessions/current
   */
  method?: AuthMethod | undefined
  /**
   * The headers the auth calls carry, as the profile's `authHeaders`. Default (also for `undefined`: a profile that
   * leaves `authHeaders` out): the default profile's `X-Requested-With: XMLHttpRequest`.
   */
  headers?: Record<string, string> | undefined
  /**
   * The refresh's body, as the profile's `writeRequest({ endpoint: 'refresh' })` writes it: a plain object goes as JSON,
   * a `URLSearchParams` as a form (an OAuth token endpoint's `grant_type=refresh_token`). Default (also for `undefined`:
   * a profile without `writeRequest`) `{}`, the default profile's.
   */
  body?: Record<string, unknown> | URLSearchParams | undefined
  /** What must be ready before the request leaves (mock mode: the MSW worker). */
  after?: Promise<unknown>
  /** Sign with the origin's DPoP key when IndexedDB holds one (the client's default). Default: where WebCrypto and IndexedDB exist. */
  dpop?: boolean
  /** As the client's `authTimeoutMs`. Default 10 s. */
  timeoutMs?: number
  /** The longest to wait for another tab's refresh (the tabs' lock) before leaving it to the client. Default 30 s. */
  lockWaitMs?: number
  /**
   * Called once, as soon as the request has been handed to the browser (`fetch` called), or at once when nothing will
   * be sent (no session hint, a pending logout, no Web Locks, the lock's wait given up). Start the app's chunks here:
   * asked for after the refresh, they queue behind it for the link's connections instead of in front of it.
   */
  onSent?: () => void
}

/** A User Timing mark (`boot:…`) the slow-mobile bench reads; nothing where `performance.mark` is missing. */
function mark(name: string): void {
  globalThis.performance?.mark?.(`boot:${name}`)
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

/** The origin's stored key pair, `null` when there is none or IndexedDB cannot be read (then no proof, as the client). */
async function storedKeyPair(): Promise<CryptoKeyPair | null> {
  try {
    const db = await openKeyDatabase(indexedDB, BOOT_NAMES.keyDatabase, () => undefined)
    try {
      const record = (await readRecord(db, BOOT_NAMES.keyRecord)) as Partial<CryptoKeyPair> | undefined
      // The key store's own check is stricter; a pair the proof cannot use is refused when signing (then no proof).
      const { privateKey, publicKey } = record ?? {}
      mark('key-read')
      return privateKey instanceof CryptoKey && publicKey instanceof CryptoKey && !privateKey.extractable ? { privateKey, publicKey } : null
    } finally {
      db.close()
    }
  } catch {
    return null
  }
}

/**
 * Sends the start-up refresh (`POST /api/auth/refresh`, or `method` and `refreshURL`) at once, under the tabs' refresh lock (`navigator.locks`, the lock the
 * client takes: two reloading tabs refresh one after the other, never with the same cookie at once), and resolves
 * with its answer. Returns `null` when it sends nothing: a logout is pending or no session hint is set (the client
 * then does what it always does), or this browser has no Web Locks (the client refreshes under its own lease).
 * Never rejects: a lost answer resolves as `{ error: 'network' }` and the client retries it once.
 *
 * @example
 * // the page's first module: the app's code is asked for once the refresh is out (see `onSent`)
 * let refreshSent!: () => void
 * const sent = new Promise<void>((resolve) => (refreshSent = resolve))
 * const startedRefresh = startRefreshEarly({ baseURL: '/api', onSent: refreshSent })
 * await sent
 * const { renderApp } = await import('./render-app') // later: client.restore({ startedRefresh })
 */
export function startRefreshEarly(options: StartRefreshEarlyOptions = {}): Promise<StartedRefreshAnswer | null> | null {
  const { baseURL = '/api', after, timeoutMs = 10_000, lockWaitMs = 30_000 } = options
  let toldSent = false
  const sent = () => {
    if (toldSent) return
    toldSent = true
    options.onSent?.()
  }
  const locks = globalThis.navigator?.locks
  if (read(BOOT_NAMES.pendingLogout) !== null || read(BOOT_NAMES.sessionHint) !== '1' || !locks) {
    sent()
    return null
  }
  const dpop = options.dpop ?? (typeof crypto?.subtle?.sign === 'function' && typeof indexedDB?.open === 'function')
  // Read at once, beside the lock's wait (and the mock worker's start).
  const keyPair = dpop ? storedKeyPair() : Promise.resolve(null)
  const url = options.refreshURL ?? `${baseURL}/auth/refresh`
  const method = options.method ?? 'POST'
  const authHeaders = options.headers ?? { 'X-Requested-With': 'XMLHttpRequest' }
  const given = options.body
  const form = given instanceof URLSearchParams
  const body = form ? given.toString() : JSON.stringify(given ?? {})

  async function send(): Promise<StartedRefreshAnswer> {
    mark('lock-acquired')
    const headers: Record<string, string> = {
      ...authHeaders,
      'Content-Type': form ? 'application/x-www-form-urlencoded;charset=UTF-8' : 'application/json',
      Accept: 'application/json',
    }
    const key = await keyPair
    let proof = false
    const htu = htuOf(url, globalThis.location?.origin)
    if (key && typeof htu === 'string') {
      try {
        headers.DPoP = await createProofMaker().sign(key, htu, method, read(BOOT_NAMES.dpopNonce), null)
        proof = true
        mark('proof-signed')
      } catch {
        // Unsigned, as the client would send it without a usable key.
      }
    }
    const timeout = new AbortController()
    const timer = setTimeout(() => timeout.abort(), timeoutMs)
    try {
      mark('fetch')
      // `priority`: ahead of the app's scripts when the link's connections are all taken.
      const request = fetch(url, { method, credentials: 'include', headers, body, signal: timeout.signal, priority: 'high' })
      sent()
      const response = await request
      const text = await response.text()
      const answerHeaders: Record<string, string> = {}
      response.headers.forEach((value, name) => (answerHeaders[name.toLowerCase()] = value))
      let data: unknown = text
      try {
        data = text ? JSON.parse(text) : undefined
      } catch {
        // Not JSON: the client reads it as an unusable answer.
      }
      return { status: response.status, headers: answerHeaders, data, proof, url, method }
    } catch {
      return { error: timeout.signal.aborted ? 'timeout' : 'network', proof, url, method }
    } finally {
      clearTimeout(timer)
    }
  }

  return (async () => {
    await after
    try {
      return await locks.request(BOOT_NAMES.refreshLock, { signal: AbortSignal.timeout(lockWaitMs) }, send)
    } catch {
      // Another tab held the lock too long (a frozen page): the client takes it over, with its rescue.
      return null
    } finally {
      sent()
    }
  })()
}
