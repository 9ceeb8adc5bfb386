import type { MockRuntime } from '../core/runtime'
import type { MockDialect } from '../http/dialect'
import type { createEndpoint } from '../http/endpoint'

/** What every service's handlers are built from: one runtime, one endpoint wrapper. */
export interface HandlerDeps {
  runtime: MockRuntime
  endpoint: ReturnType<typeof createEndpoint>
  /** The refresh tokens the client sent (two or more: refused); the browser mock reads its cookie jar here (see browser.ts). */
  readRefreshCookies(request: Request): string[]
  /** How the auth endpoints speak (paths, token answers, cookie, CSRF header): a backend profile's, or the contract when absent. */
  dialect?: MockDialect
}
