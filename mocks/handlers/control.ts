import { http, type HttpResponseResolver } from 'msw'
import type { MockControl } from '../../packages/silent-refresh/src/testing/server/core/control'
import { isInvalidMockControlError } from '../../packages/silent-refresh/src/testing/server/core/errors'
import { ApiError, invalidRequest } from '../../packages/silent-refresh/src/testing/server/http/api-error'
import { readJsonObject } from '../../packages/silent-refresh/src/testing/server/http/json-body'
import { apiErrorResponse, json, noContent } from '../../packages/silent-refresh/src/testing/server/http/responses'
import { isExactPath } from '../../packages/silent-refresh/src/testing/server/http/routes'

function controlEndpoint(path: string, run: (request: Request) => Promise<Response>): HttpResponseResolver {
  return async ({ request }) => {
    if (!isExactPath(request, path)) return undefined
    try {
      return await run(request)
    } catch (error) {
      if (error instanceof ApiError) return apiErrorResponse(error)
      if (isInvalidMockControlError(error)) return apiErrorResponse(invalidRequest(error.message))
      throw error
    }
  }
}

/** `/__mock/*`: the controls over HTTP, for the mock server and for pages that prefer fetch to `window.__mock`. */
export function controlHandlers(control: MockControl) {
  return [
    http.post(
      '*/__mock/reset',
      controlEndpoint('/__mock/reset', async () => {
        await control.reset()
        return noContent()
      }),
    ),
    http.post(
      '*/__mock/clock',
      controlEndpoint('/__mock/clock', async (request) => {
        const { advanceMs } = await readJsonObject(request)
        if (typeof advanceMs !== 'number') throw invalidRequest('advanceMs must be a number of milliseconds')
        await control.advanceClock(advanceMs)
        return noContent()
      }),
    ),
    http.post(
      '*/__mock/config',
      controlEndpoint('/__mock/config', async (request) => {
        await control.configure(await readJsonObject(request))
        return noContent()
      }),
    ),
    http.post(
      '*/__mock/fail',
      controlEndpoint('/__mock/fail', async (request) => {
        const { endpoint, kind, times } = await readJsonObject(request)
        await control.failNext(endpoint as never, kind as never, times as never)
        return noContent()
      }),
    ),
    http.get(
      '*/__mock/stats',
      controlEndpoint('/__mock/stats', async () => json(await control.stats())),
    ),
  ]
}
