import type { RequestHandler } from 'msw'
import { createMockControl, type MockControl } from './core/control'
import { createMockRuntime, type KeyValueStorage } from './core/runtime'
import { createEndpoint } from './http/endpoint'
import { readCookie, REFRESH_COOKIE } from './http/cookies'
import { authHandlers } from './handlers/auth'
import { boardHandlers } from './handlers/board'
import { controlHandlers } from './handlers/control'
import { notFoundHandlers } from './handlers/not-found'
import { profileHandlers } from './handlers/profile'

export interface MockBackendOptions {
  /** Where the database survives a page reload (`localStorage` in the browser). In memory when omitted. */
  storage?: KeyValueStorage
  /** How the refresh cookie is read; the Cookie header's first `refresh_token` when omitted. */
  readRefreshCookie?: (request: Request) => string | undefined
}

export interface MockBackend {
  /** The API (`*\/api/...`, any origin) and the controls (`*\/__mock/...`), for setupServer, setupWorker or getResponse. */
  handlers: RequestHandler[]
  control: MockControl
}

/**
 * One strict auth server: one database, one clock, one signing secret, everything inside this instance.
 *
 * @example
 * const { handlers, control } = createMockBackend()
 * const server = setupServer(...handlers)
 * await control.advanceClock(60 * 60 * 1000) // every access token issued so far has expired
 */
export function createMockBackend(options: MockBackendOptions = {}): MockBackend {
  const runtime = createMockRuntime({ storage: options.storage })
  const control = createMockControl(runtime)
  const deps = {
    runtime,
    endpoint: createEndpoint(runtime),
    readRefreshCookie: options.readRefreshCookie ?? ((request: Request) => readCookie(request, REFRESH_COOKIE)),
  }
  return {
    handlers: [...authHandlers(deps), ...profileHandlers(deps), ...boardHandlers(deps), ...controlHandlers(control), ...notFoundHandlers()],
    control,
  }
}
