import type { RequestHandler } from 'msw'
import type { BackendProfile } from 'silent-refresh'
import { createMockControl, type MockControl } from '../packages/silent-refresh/src/testing/server/core/control'
import { createMockRuntime, type KeyValueStorage } from '../packages/silent-refresh/src/testing/server/core/runtime'
import { createEndpoint } from '../packages/silent-refresh/src/testing/server/http/endpoint'
import { cookieValues, mswJarValues, readCookies } from '../packages/silent-refresh/src/testing/server/http/cookies'
import { mockDialect } from '../packages/silent-refresh/src/testing/server/http/dialect'
import { authHandlers } from '../packages/silent-refresh/src/testing/server/handlers/auth'
import { boardHandlers } from './handlers/board'
import { postStreamHandlers } from './handlers/post-stream'
import { controlHandlers } from './handlers/control'
import { notFoundHandlers } from './handlers/not-found'
import { profileHandlers } from '../packages/silent-refresh/src/testing/server/handlers/profile'
import { sessionsHandlers } from '../packages/silent-refresh/src/testing/server/handlers/sessions'

export interface MockBackendOptions {
  /** Where the database survives a page reload (`localStorage` in the browser). In memory when omitted. */
  storage?: KeyValueStorage
  /** How the refresh cookie is read (one value: the browser's jar); every `refresh_token` of the Cookie header when omitted. */
  readRefreshCookie?: (request: Request, cookieName: string) => string | undefined
  /**
   * The backend profile whose dialect the auth endpoints speak (docs/backend.md: its endpoints, its `mock` part, its
   * `authHeaders`, `dpop` and `reuseInterval`). Default: this project's contract. A profile that does not read what
   * the mock would write throws `BackendProfileError` here.
   */
  profile?: BackendProfile
}

export interface MockBackend {
  /** The API (`*\/api/...`, any origin) and the controls (`*\/__mock/...`), for setupServer, setupWorker or getResponse. */
  handlers: RequestHandler[]
  control: MockControl
  /**
   * Under msw/node: pass `server.events`, so that the mock knows the Cookie header the client sent itself before
   * MSW's jar appends its own cookies (with their attributes) to it. The client's values win; without any, the jar's
   * are read. Without this call the whole header counts as the client's (fine when the client sets no cookie itself).
   */
  trackClientCookies(events: ClientRequestEvents): void
}

/** The part of MSW's life-cycle events (`server.events`, `worker.events`) the mock listens to. */
export interface ClientRequestEvents {
  on(event: 'request:start', listener: (args: { request: Request }) => void): void
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
  const dialect = mockDialect(options.profile)
  const runtime = createMockRuntime({ storage: options.storage, config: dialect.config })
  const control = createMockControl(runtime)
  // The Cookie header each request had when MSW received it, before any handler's jar cookies were appended.
  const sentCookieHeaders = new WeakMap<Request, string>()
  const deps = {
    runtime,
    endpoint: createEndpoint(runtime, dialect),
    dialect,
    readRefreshCookies: (request: Request): string[] => {
      if (options.readRefreshCookie) {
        const value = options.readRefreshCookie(request, dialect.cookieName)
        return value === undefined ? [] : [value]
      }
      const sent = sentCookieHeaders.get(request)
      if (sent === undefined) return readCookies(request, dialect.cookieName)
      const own = cookieValues(sent, dialect.cookieName)
      if (own.length > 0) return own
      const header = request.headers.get('cookie') ?? ''
      return mswJarValues(header.startsWith(sent) ? header.slice(sent.length) : header, dialect.cookieName)
    },
  }
  return {
    handlers: [
      ...authHandlers(deps),
      ...sessionsHandlers(deps),
      ...profileHandlers(deps),
      // The stream before the board: `*/api/posts` never matches `/api/posts/stream`, but each answers its own path only.
      ...postStreamHandlers(deps),
      ...boardHandlers(deps),       ...controlHandlers(control),
      ...notFoundHandlers(),
    ],
    control,
    trackClientCookies(events) {
      events.on('request:start', ({ request }) => sentCookieHeaders.set(request, request.headers.get('cookie') ?? ''))
    },
  }
}
