/** Why DPoP cannot be used here, or that it can. */
export type DpopSupport = { supported: true } | { supported: false; reason: 'no-webcrypto' | 'no-indexeddb' }

/** What the check looks at; `globalThis` by default. */
export interface DpopEnvironment {
  crypto?: { subtle?: SubtleCrypto } | undefined
  indexedDB?: IDBFactory | undefined
}

/**
 * Whether this environment has what DPoP needs: WebCrypto's `subtle` (absent outside a secure
 * context) and IndexedDB to keep the key across reloads and tabs. Synchronous and free: ECDSA P-256
 * itself (every browser with `subtle` has it) and an IndexedDB that actually opens are proven by the
 * key store, which rejects with `DpopUnavailableError` otherwise. Unsupported → send Bearer.
 *
 * @example
 * const dpop = detectDpopSupport().supported ? createDpopKeyStore() : null
 */
export function detectDpopSupport(env: DpopEnvironment = globalThis): DpopSupport {
  if (typeof env.crypto?.subtle?.sign !== 'function') return { supported: false, reason: 'no-webcrypto' }
  if (typeof env.indexedDB?.open !== 'function') return { supported: false, reason: 'no-indexeddb' }
  return { supported: true }
}
