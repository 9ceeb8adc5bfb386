/**
 * `silent-refresh/testing`: a kit for the component tests of apps built on silent-refresh — a strict auth backend
 * for MSW, in-process tabs, and clocks and timers a test moves by hand.
 */
export { createFakeLocks, createFakeTabs } from './fake-tabs'
export { manualTimers, movableClock } from './manual-timers'
export { createTestBackend } from './test-backend'
export type { RefreshFailure, TestBackend, TestBackendOptions, TestBackendStats, TestNetwork } from './test-backend'
