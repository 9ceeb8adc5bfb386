import { isDpopNonceChallenge } from './dpop'
import { asAuthError, notAuthenticatedError, RefreshUnavailableError } from './errors'
import { authorizationHeaders } from './http'
import { decideFailure, decideRequest, fullRequestURL, requestTarget, type InterceptorSession } from './request'
import type { ProfileResponse } from './types'

/*
 * The request path for `fetch`: what the interceptors do for `client.http`, for a request the app makes with
 * `fetch` itself (a streamed response read with `ReadableStream`, where axios would buffer). The same two pure
 * decisions (`decideRequest`, `decideFailure`), the same credentials and the same single refresh: this module
 * never refreshes on its own.
 */

export interface AuthorizedFetchParts extends Omit<InterceptorSession, 'dpop'> {
  /** Bearer or DPoP headers for `token` on this method and URL (the interceptors' own `headersFor`). */
  headersFor(token: string, method: string, url: string): Promise<Record<string, string>>
  /** Keeps a response's `DPoP-Nonce`; absent without DPoP. */
  remember?(headers: Headers): void
  /** Whether the client signs DPoP proofs (then a nonce challenge is answered once). */
  dpop: boolean
  /** The `fetch` to send with; the global one, read when called, by default. */
  fetch?: typeof fetch
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The request was aborted', 'AbortError')
}

/** Waits for `promise` unless `signal` fires first (then rejects as `fetch` does: the signal's reason or an `AbortError`). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) return Promise.reject(abortError(signal))
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/**
 * The URL as `fetch` takes it: joined to the API root as axios joins it (the URL `requestTarget` judged), absolute
 * against the page where there is one.
 */
function fetchUrl(baseURL: string, url: string): string {
  const joined = fullRequestURL(baseURL, url)
  const page = (globalThis as { location?: { href?: string } }).location?.href
  return page ? new URL(joined, page).href : joined
}

/**
 * A failed answer as the profile reads it: its status, headers and body (JSON when it parses, else text), read from a
 * clone so the app still gets the body. Only for a 4xx: a 2xx may be a stream that never ends.
 */
async function asProfileResponse(response: Response): Promise<ProfileResponse> {
  let body: unknown
  if (response.status >= 400 && response.status < 500) {
    const text = await response.clone().text().catch(() => '')
    try {
      body = text === '' ? undefined : JSON.parse(text)
    } catch {
      body = text
    }
  }
  return { status: response.status, header: (name) => response.headers.get(name), body }
}

/** Closes a response's body that is thrown away (a 401 before its replay), so its connection is let go. */
function discard(response: Response): void {
  void response.body?.cancel().catch(() => undefined)
}

/**
 * `client.authorizedFetch`: `fetch` with the client's credentials. A URL under `baseURL` (its auth endpoints
 * excepted) gets the access token (Bearer, or `DPoP` with a proof for this method and URL); before it is sent an
 * expiring token waits for the client's one refresh; an answer the profile's `isTokenRejected` says yes to (by default a 401 `invalid_token`) is replayed once with the refreshed (or
 * newer) token, a DPoP nonce challenge resent once, a step-up's answer held behind the one prompt and replayed once. Other URLs are fetched as they are. Resolves to the last
 * `Response` whatever its status (as `fetch`); rejects with `NotAuthenticatedError` without a session, with the
 * refresh's `AuthError` when it fails, and with the signal's reason when aborted.
 */
export function createAuthorizedFetch(parts: AuthorizedFetchParts) {
  return async function authorizedFetch(url: string, init: RequestInit = {}): Promise<Response> {
    const send = (request: RequestInit) => (parts.fetch ?? globalThis.fetch)(target === 'foreign' ? url : fetchUrl(parts.baseURL, url), request)
    const target = requestTarget(parts.baseURL, parts.baseURL, url)
    const method = (init.method ?? 'GET').toUpperCase()
    const signal = init.signal

    async function tokenNow(): Promise<string> {
      const decision = decideRequest({ target, current: parts.tokens.read(), refreshInFlight: parts.inflight() !== null, dpop: parts.dpop })
      if (decision.action === 'fail') throw notAuthenticatedError()
      if (decision.action === 'send') return parts.tokens.read()!.token
      try {
        return await untilAborted(parts.inflight() ?? parts.refreshBefore(), signal)
      } catch (error) {
        // As the interceptors: a token that has not expired yet still works while the server is unreachable.
        const fallback = error instanceof RefreshUnavailableError ? parts.tokens.read() : null
        if (!fallback || fallback.freshness === 'expired') throw error
        return fallback.token
      }
    }

    async function sendWith(token: string): Promise<Response> {
      const headers = new Headers(init.headers)
      const own = await parts.headersFor(token, method, fetchUrl(parts.baseURL, url))
      for (const [name, value] of Object.entries(own)) headers.set(name, value)
      sentInRound = parts.stepUpRound()
      const response = await send({ ...init, method, headers })
      parts.remember?.(response.headers)
      return response
    }

    if (target !== 'api') return send(init)
    let token: string
    try {
      token = await tokenNow()
    } catch (error) {
      throw signal?.aborted ? error : asAuthError(error)
    }
    let sentInRound: number | undefined
    let response = await sendWith(token)
    let replayed = false
    let nonceRetried = false
    let steppedUp = false
    for (;;) {
      const answer = await asProfileResponse(response)
      const challenge = parts.isStepUpRequired(answer)
      const decision = decideFailure({
        target,
        stepUp: challenge !== null,
        steppedUp,
        tokenRejected: parts.isTokenRejected(answer),
        nonceChallenge: isDpopNonceChallenge({ status: response.status, headers: response.headers }),
        dpop: parts.dpop,
        replayed,
        nonceRetried,
      })
      if (decision.action === 'fail') return response
      discard(response)
      if (decision.action === 'resend-with-nonce') {
        nonceRetried = true
      } else if (decision.action === 'step-up') {
        steppedUp = true
        try {
          await untilAborted(parts.stepUp(challenge!, sentInRound), signal)
          // The token the re-verification brought (or the refresh's, if it is expiring meanwhile).
          token = await tokenNow()
        } catch (error) {
          throw signal?.aborted ? error : asAuthError(error)
        }
      } else {
        replayed = true
        try {
          token = await untilAborted(parts.tokenForReplay(token), signal)
        } catch (error) {
          throw signal?.aborted ? error : asAuthError(error)
        }
      }
      response = await sendWith(token)
    }
  }
}

/** The credentials of the interceptors, for `fetch`: Bearer when the client has no DPoP. */
export const bearerHeaders = (token: string): Promise<Record<string, string>> => Promise.resolve(authorizationHeaders(token))
