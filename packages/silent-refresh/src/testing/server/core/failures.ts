import { InvalidMockControlError } from './errors'

export type FailableEndpoint = 'refresh' | 'login' | 'logout' | 'me' | 'posts'

/**
 * `network`: connection error; `timeout`: never answers; a status: that error, with the endpoint's usual body;
 * `lost-response`: the request is handled completely, then the connection drops before the answer.
 */
export type FailureKind = 'network' | 500 | 401 | 429 | 'timeout' | 'lost-response'

export interface FailureRequest {
  endpoint: FailableEndpoint
  kind: FailureKind
  times: number
}

export type FailureQueue = Record<FailableEndpoint, FailureKind[]>

export function createFailureQueue(): FailureQueue {
  return { refresh: [], login: [], logout: [], me: [], posts: [] }
}

const ENDPOINTS: readonly FailableEndpoint[] = ['refresh', 'login', 'logout', 'me', 'posts']
const KINDS: readonly FailureKind[] = ['network', 500, 401, 429, 'timeout', 'lost-response']
const MAX_TIMES = 1000

/** Checks `failNext` arguments that may come from JSON (where a status may arrive as "500"). */
export function parseFailureRequest(endpoint: unknown, kind: unknown, times: unknown = 1): FailureRequest {
  if (!ENDPOINTS.includes(endpoint as FailableEndpoint)) {
    throw new InvalidMockControlError(`failNext endpoint must be one of ${ENDPOINTS.join(', ')}`)
  }
  const normalizedKind = typeof kind === 'string' && /^\d+$/.test(kind) ? Number(kind) : kind
  if (!KINDS.includes(normalizedKind as FailureKind)) {
    throw new InvalidMockControlError(`failNext kind must be one of ${KINDS.map((k) => JSON.stringify(k)).join(', ')}`)
  }
  if (typeof times !== 'number' || !Number.isInteger(times) || times < 1 || times > MAX_TIMES) {
    throw new InvalidMockControlError(`failNext times must be a whole number from 1 to ${MAX_TIMES}`)
  }
  return { endpoint: endpoint as FailableEndpoint, kind: normalizedKind as FailureKind, times }
}
