import { HttpResponse, type HttpResponseResolver } from 'msw'
import { toEpochSeconds } from '../core/clock'
import type { FailableEndpoint, FailureKind } from '../core/failures'
import type { MockRuntime, MockState } from '../core/runtime'
import type { EndpointName } from '../core/stats'
import { ApiError } from './api-error'
import { apiErrorResponse, errorJson } from './responses'

export interface EndpointContext {
  request: Request
  state: MockState
  /** The mock clock when the request arrived, epoch ms and seconds. */
  now: number
  nowSeconds: number
}

export type EndpointResolver = (context: EndpointContext) => Promise<Response>

export interface EndpointOptions {
  name: EndpointName
  /** The `failNext` queue this endpoint takes from. */
  failable?: FailableEndpoint
  /** The endpoint's own refusal for an injected 401 (a refresh clears the cookie, `me` sends a challenge...). */
  injected401?: () => Response
  /** The 429 error code: `too_many_attempts` on login. */
  code429?: string
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function injectedResponse(kind: FailureKind, options: EndpointOptions, runtime: MockRuntime, request: Request): Promise<Response> {
  switch (kind) {
    case 'network':
      return HttpResponse.error()
    case 'timeout':
      await runtime.hangUntilReleased(request.signal)
      return HttpResponse.error()
    case 401:
      return options.injected401?.() ?? errorJson(401, 'unauthorized', 'Unauthorized (injected by failNext)')
    case 429:
      return errorJson(429, options.code429 ?? 'too_many_requests', 'Too many requests (injected by failNext); retry in 1 second', { 'Retry-After': '1' })
    case 500:
      return errorJson(500, 'internal_error', 'The server failed (injected by failNext)')
  }
}

function unexpected(error: unknown): Response {
  console.error('[mock] unexpected error in a handler', error)
  return errorJson(500, 'internal_error', 'The mock server failed unexpectedly; this is a bug in mocks/')
}

/**
 * Wraps an endpoint's resolver with what every API endpoint shares: counters, `failNext`, latency,
 * typed refusals turned into JSON errors, and saving the state afterwards.
 */
export function createEndpoint(runtime: MockRuntime) {
  return (options: EndpointOptions, resolve: EndpointResolver): HttpResponseResolver =>
    async ({ request }) => {
      const state = await runtime.state()
      const now = runtime.clock.now()
      state.stats.requestsByEndpoint[options.name]++
      if (options.name === 'refresh') state.stats.refreshCalls++
      const injected = options.failable ? state.failures[options.failable].shift() : undefined
      if (options.name === 'refresh' && (injected === 'timeout' || injected === 'network')) state.stats.refreshFailures++
      runtime.persist()

      if (state.config.latencyMs > 0) await sleep(state.config.latencyMs)

      let response: Response
      if (injected !== undefined) {
        response = await injectedResponse(injected, options, runtime, request)
      } else {
        try {
          response = await resolve({ request, state, now, nowSeconds: toEpochSeconds(now) })
        } catch (error) {
          response = error instanceof ApiError ? apiErrorResponse(error) : unexpected(error)
        }
      }
      if (options.name === 'refresh' && response.type !== 'error' && response.status !== 200) state.stats.refreshFailures++
      runtime.persist()
      return response
    }
}
