/** The mock server's controls as the browser mock installs them on `window.__mock` (mock mode only). */
export interface MockWindowControls {
  reset(): Promise<void>
  advanceClock(ms: number): Promise<void>
  configure(config: { accessTtlMs?: number; refreshTtlMs?: number; latencyMs?: number }): Promise<void>
  failNext(endpoint: 'refresh' | 'login' | 'me' | 'posts', kind: 'network' | 500 | 401 | 429 | 'timeout', times?: number): Promise<void>
  stats(): Promise<MockServerStats>
}

export interface MockServerStats {
  refreshCalls: number
  refreshFailures: number
  familiesRevoked: number
  logins: number
  postsCreated: number
}

declare global {
  interface Window {
    __mock?: MockWindowControls
  }
}

export function mockControls(): MockWindowControls | null {
  return typeof window !== 'undefined' && window.__mock ? window.__mock : null
}
