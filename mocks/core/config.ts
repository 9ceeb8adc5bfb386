import { InvalidMockControlError } from './errors'

export interface MockConfig {
  /** Lifetime of access tokens issued from now on. Rounded up to whole seconds. */
  accessTtlMs: number
  /** Lifetime of refresh-token families started from now on. Rounded up to whole seconds. */
  refreshTtlMs: number
  /** Delay added to every API response. */
  latencyMs: number
}

export const DEFAULT_CONFIG: Readonly<MockConfig> = Object.freeze({
  accessTtlMs: 60 * 60 * 1000,
  refreshTtlMs: 14 * 24 * 60 * 60 * 1000,
  latencyMs: 0,
})

const MAX_LATENCY_MS = 60_000

/** Checks a `configure()` argument that may come from JSON; throws InvalidMockControlError. */
export function parseConfigPatch(input: unknown): Partial<MockConfig> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidMockControlError('configure() takes an object: { accessTtlMs?, refreshTtlMs?, latencyMs? }')
  }
  const source = input as Record<string, unknown>
  const known = new Set(['accessTtlMs', 'refreshTtlMs', 'latencyMs'])
  for (const key of Object.keys(source)) {
    if (!known.has(key)) throw new InvalidMockControlError(`configure() does not know "${key}"`)
  }
  const patch: Partial<MockConfig> = {}
  for (const key of ['accessTtlMs', 'refreshTtlMs'] as const) {
    const value = source[key]
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new InvalidMockControlError(`${key} must be a positive number of milliseconds`)
    }
    patch[key] = value
  }
  const latency = source.latencyMs
  if (latency !== undefined) {
    if (typeof latency !== 'number' || !Number.isFinite(latency) || latency < 0 || latency > MAX_LATENCY_MS) {
      throw new InvalidMockControlError(`latencyMs must be a number of milliseconds from 0 to ${MAX_LATENCY_MS}`)
    }
    patch.latencyMs = latency
  }
  return patch
}

/** Whole seconds a token issued now lives, never zero. */
export function ttlSeconds(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs / 1000))
}
