import type { RequestHandler } from 'msw'
import { createMockControl, type MockControl } from '../packages/silent-refresh/src/testing/server/core/control'
import { createMockRuntime, type KeyValueStorage } from '../packages/silent-refresh/src/testing/server/core/runtime'
import { createEndpoint } from '../packages/silent-refresh/src/testing/server/http/endpoint'
import { readCookies, REFRESH_COOKIE } from '../packages/silent-refresh/src/testing/server/http/cookies'
import { authHandlers } from '../packages/silent-refresh/src/testing/server/handlers/auth'
import { boardHandlers } from './handlers/board'
import { controlHandlers } from './handlers/control'
import { notFoundHandlers } from './handlers/not-found'
import { profileHandlers } from '../packages/silent-refresh/src/testing/server/handlers/profile'

export interface MockBackendOptions {
  /** Where the database survives a page reload (`localStorage` in the browser). In memory when omitted. */
  storage?: KeyValueStorage
  /** How the refresh cookie is read (one value: the browser's jar); every `refresh_token` of the Cookie header when omitted. */
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
    readRefreshCookies: (request: Request): string[] => {
      if (!options.readRefreshCookie) return readCookies(request, REFRESH_COOKIE)
      const value = options.readRefreshCookie(request)
      return value === undefined ? [] : [value]
    },
  }
  return {
    handlers: [...authHandlers(deps), ...profileHandlers(deps), ...boardHandlers(deps), ...controlHandlers(control), ...notFoundHandlers()],
    control,
  }
}
