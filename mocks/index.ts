import { setupServer } from 'msw/node'
import { createMockBackend } from './backend'

export { createMockBackend } from './backend'
export { DEMO_USER } from '../packages/silent-refresh/src/testing/server/core/seed'
export { InvalidMockControlError, isInvalidMockControlError } from '../packages/silent-refresh/src/testing/server/core/errors'
export { MOCK_STORAGE_KEY } from '../packages/silent-refresh/src/testing/server/core/runtime'
export type * from './types'

const backend = createMockBackend()

/**
 * The Node/test mock: one backend per test file (Vitest isolates modules per file). Not started: call
 * `server.listen()`, or use `useMockServer()` from `mocks/testing`.
 */
export const server = setupServer(...backend.handlers)
backend.trackClientCookies(server.events)

/** `reset`, `advanceClock`, `configure`, `failNext`, `stats` of this file's mock. */
export const mockControl = backend.control
