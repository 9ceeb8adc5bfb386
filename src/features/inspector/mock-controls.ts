import type { MockControl, MockStats } from '../../../mocks/types'

/** The mock server's controls as the browser mock installs them on `window.__mock` (mock mode only); declared in mocks/. */
export type MockWindowControls = MockControl
export type MockServerStats = MockStats

declare global {
  interface Window {
    __mock?: MockWindowControls
  }
}

export function mockControls(): MockWindowControls | null {
  return typeof window !== 'undefined' && window.__mock ? window.__mock : null
}
