import type { MockRuntime } from '../core/runtime'
import type { createEndpoint } from '../http/endpoint'

/** What every service's handlers are built from: one runtime, one endpoint wrapper. */
export interface HandlerDeps {
  runtime: MockRuntime
  endpoint: ReturnType<typeof createEndpoint>
  /** The refresh token the client sent; the browser mock reads its cookie jar here (see browser.ts). */
  readRefreshCookie(request: Request): string | undefined
}
