import { HttpResponse, type HttpResponseResolver } from 'msw'
import { toEpochSeconds } from '../core/clock'
import { issueNonce } from '../core/dpop'
import type { FailableEndpoint, FailureKind } from '../core/failures'
import type { MockRuntime, MockState } from '../core/runtime'
import type { EndpointName, MockStats } from '../core/stats'
import { ApiError, type DpopRefusal } from './api-error'
import { contractDialect, isRefreshRefusal, type MockDialect } from './dialect'
import { errorJson } from './responses'
import { isExactPath } from './routes'

/**
 * The header through which `mock:server` tells the handlers the client's address (it overwrites whatever a client
 * sends in it). Without it (msw/node, the browser worker) there is one client.
 */
export const CLIENT_ADDRESS_HEADER = 'x-mock-client-address'

/**
 * The header through which `mock:server` tells the handlers the origin the client addressed, for a DPoP proof's
 * `htu`: the `Host` header, or the forwarded origin when a configured proxy sent the request (it overwrites
 * whatever a client sends in it). Without it (msw/node, the browser worker) the request URL is what was addressed.
 */
export const ADDRESSED_ORIGIN_HEADER = 'x-mock-addressed-origin'

/** Who sent the request, for the per-client limits: the address `mock:server` wrote, else the one local client. */
export const clientAddressOf = (request: Request): string => request.headers.get(CLIENT_ADDRESS_HEADER) ?? 'local'

export interface EndpointContext {
  request: Request
  state: MockState
  /** The mock clock when the request arrived, epoch ms and seconds. */
  now: number
  nowSeconds: number
  /** Who sent it, for the per-client limits. */
  clientAddress: string
}

export type EndpointResolver = (context: EndpointContext) => Promise<Response>

export interface EndpointOptions {
  name: EndpointName
  /** The exact path this endpoint answers (or a pattern the whole path must match); any other path falls through to the 404/405 handlers. */
  path: string | RegExp
  /** The `failNext` queue this endpoint takes from. */
  failable?: FailableEndpoint
  /** The endpoint's own refusal for an injected 401 (a refresh clears the cookie, `me` sends a challenge...). */
  injected401?: () => Response
  /** The 429 error code: `too_many_attempts` on login. */
  code429?: string
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function injectedResponse(kind: Exclude<FailureKind, 'lost-response'>, options: EndpointOptions, runtime: MockRuntime, request: Request, dialect: MockDialect) {
  switch (kind) {
    case 'network':
      return HttpResponse.error()
    case 'timeout':
      await runtime.hangUntilReleased(request.signal)
      return HttpResponse.error()
    case 401:
      return options.injected401?.() ?? dialect.rejection(new ApiError(401, 'unauthorized', 'Unauthorized (injected by failNext)'))
    case 429:
      return dialect.rejection(new ApiError(429, options.code429 ?? 'too_many_requests', 'Too many requests (injected by failNext); retry in 1 second', { 'Retry-After': '1' }))
    case 500:
      return dialect.rejection(new ApiError(500, 'internal_error', 'The server failed (injected by failNext)'))
  }
}

function unexpected(error: unknown): Response {
  console.error('[mock] unexpected error in a handler', error)
  return errorJson(500, 'internal_error', 'The mock server failed unexpectedly; this is a bug in mocks/')
}

function countDpop(stats: MockStats, refusal: DpopRefusal | undefined): void {
  if (refusal === 'rejected') stats.dpopRejected++
  if (refusal === 'challenge') stats.dpopNonceChallenges++
}

/**
 * Wraps an endpoint's resolver with what every API endpoint shares: the exact path, counters, `failNext`, latency,
 * typed refusals turned into JSON errors (in the dialect's words: a refused refresh, a rejected token), a fresh `DPoP-Nonce` on every answer, and saving the state afterwards.
 */
export function createEndpoint(runtime: MockRuntime, dialect: MockDialect = contractDialect) {
  return (options: EndpointOptions, resolve: EndpointResolver): HttpResponseResolver =>
    async ({ request }) => {
      if (!isExactPath(request, options.path)) return undefined
      // A path two of the profile's endpoints share (an OAuth token endpoint): the body says whose it is.
      if (!(await dialect.claims(request, options.name))) return undefined
      const state = await runtime.state()
      const now = runtime.clock.now()
      state.stats.requestsByEndpoint[options.name]++
      if (options.name === 'refresh') state.stats.refreshCalls++
      const injected = options.failable ? state.failures[options.failable].shift() : undefined
      if (options.name === 'refresh' && injected !== undefined && injected !== 'lost-response' && typeof injected !== 'number') state.stats.refreshFailures++
      runtime.persist()

      if (state.config.latencyMs > 0) await sleep(state.config.latencyMs)

      let response: Response
      if (injected !== undefined && injected !== 'lost-response') {
        response = await injectedResponse(injected, options, runtime, request, dialect)
      } else {
        const clientAddress = clientAddressOf(request)
        try {
          response = await resolve({ request, state, now, nowSeconds: toEpochSeconds(now), clientAddress })
        } catch (error) {
          if (error instanceof ApiError) countDpop(state.stats, error.dpop)
          if (!(error instanceof ApiError)) response = unexpected(error)
          else response = isRefreshRefusal(error) ? dialect.refreshRefused(error) : dialect.rejection(error)
        }
      }
      const lost = injected === 'lost-response'
      if (options.name === 'refresh' && response.type !== 'error' && (lost || response.status !== 200)) state.stats.refreshFailures++
      if (response.type !== 'error' && state.config.dpop !== 'off') response.headers.set('DPoP-Nonce', await issueNonce(state.keys, runtime.clock.now()))
      runtime.persist()
      // A lost answer: everything above happened, the client hears nothing.
      return lost ? HttpResponse.error() : response
    }
}
