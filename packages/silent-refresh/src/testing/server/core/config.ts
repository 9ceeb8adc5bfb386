import { InvalidMockControlError } from './errors'

export type DpopMode = 'off' | 'optional' | 'required'

export interface MockConfig {
  /** Lifetime of access tokens issued from now on. Rounded up to whole seconds. */
  accessTtlMs: number
  /** Lifetime of refresh-token families started from now on. Rounded up to whole seconds. */
  refreshTtlMs: number
  /** Delay added to every API response. */
  latencyMs: number
  /** A family not refreshed for this long ends; `null`: no idle lifetime. Applies at once to every family. */
  idleTtlMs: number | null
  /** How long after a rotation the replaced token may come again and get the current one back (0: never). */
  reuseIntervalMs: number
  /** DPoP (RFC 9449): `off`, `optional` (a proof binds the login) or `required` (the default). */
  dpop: DpopMode
  /** DPoP proofs remembered at once (each until its nonce expires); past it new proofs get 503 with `Retry-After`. */
  dpopReplayCapacity: number
  /** DPoP proofs one client may send per minute (checked before the proof is verified or stored); past it 429. */
  dpopProofsPerMinute: number
  /**
   * Step-up (RFC 9470): the sensitive endpoints (`PUT /api/me/password`, the device sign-outs) need the access token's
   * `auth_time` within this long, else 401 `insufficient_user_authentication` with `max_age`.
   */
  stepUpMaxAgeMs: number
}

export const DEFAULT_CONFIG: Readonly<MockConfig> = Object.freeze({
  accessTtlMs: 60 * 60 * 1000,
  refreshTtlMs: 14 * 24 * 60 * 60 * 1000,
  latencyMs: 0,
  idleTtlMs: null,
  reuseIntervalMs: 10_000,
  dpop: 'required',
  dpopReplayCapacity: 100_000,
  dpopProofsPerMinute: 1_000,
  stepUpMaxAgeMs: 5 * 60 * 1000,
})

const MAX_LATENCY_MS = 60_000
const DPOP_MODES: readonly DpopMode[] = ['off', 'optional', 'required']
const KNOWN = Object.keys(DEFAULT_CONFIG)

const isMs = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

/** Checks a `configure()` argument that may come from JSON; throws InvalidMockControlError. */
export function parseConfigPatch(input: unknown): Partial<MockConfig> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidMockControlError(`configure() takes an object: { ${KNOWN.map((key) => `${key}?`).join(', ')} }`)
  }
  const source = input as Record<string, unknown>
  for (const key of Object.keys(source)) {
    if (!KNOWN.includes(key)) throw new InvalidMockControlError(`configure() does not know "${key}"`)
  }
  const patch: Partial<MockConfig> = {}
  for (const key of ['accessTtlMs', 'refreshTtlMs'] as const) {
    const value = source[key]
    if (value === undefined) continue
    if (!isMs(value) || value <= 0) throw new InvalidMockControlError(`${key} must be a positive number of milliseconds`)
    patch[key] = value
  }
  const latency = source.latencyMs
  if (latency !== undefined) {
    if (!isMs(latency) || latency < 0 || latency > MAX_LATENCY_MS) {
      throw new InvalidMockControlError(`latencyMs must be a number of milliseconds from 0 to ${MAX_LATENCY_MS}`)
    }
    patch.latencyMs = latency
  }
  const idle = source.idleTtlMs
  if (idle !== undefined) {
    if (idle !== null && (!isMs(idle) || idle <= 0)) throw new InvalidMockControlError('idleTtlMs must be null or a positive number of milliseconds')
    patch.idleTtlMs = idle
  }
  const stepUp = source.stepUpMaxAgeMs
  if (stepUp !== undefined) {
    if (!isMs(stepUp) || stepUp < 0) throw new InvalidMockControlError('stepUpMaxAgeMs must be a non-negative number of milliseconds')
    patch.stepUpMaxAgeMs = stepUp
  }
  const reuse = source.reuseIntervalMs
  if (reuse !== undefined) {
    if (!isMs(reuse) || reuse < 0) throw new InvalidMockControlError('reuseIntervalMs must be a non-negative number of milliseconds')
    patch.reuseIntervalMs = reuse
  }
  for (const key of ['dpopReplayCapacity', 'dpopProofsPerMinute'] as const) {
    const value = source[key]
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new InvalidMockControlError(`${key} must be a positive whole number`)
    patch[key] = value
  }
  const dpop = source.dpop
  if (dpop !== undefined) {
    if (!DPOP_MODES.includes(dpop as DpopMode)) throw new InvalidMockControlError(`dpop must be one of ${DPOP_MODES.join(', ')}`)
    patch.dpop = dpop as DpopMode
  }
  return patch
}

/** Whole seconds a token issued now lives, never zero. */
export function ttlSeconds(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs / 1000))
}
