import axios, { AxiosError, AxiosHeaders, isAxiosError, type AxiosAdapter, type AxiosInstance, type AxiosResponse, type AxiosResponseHeaders, type RawAxiosResponseHeaders } from 'axios'
import type { ProfileResponse, Timers } from './types'

/*
 * HTTP as the client speaks it: the bare axios instance of the auth endpoints (with its timeout on the client's
 * timers), where an auth endpoint of the backend profile is (`endpointURL`, `authEndpoint`), an answer as a profile
 * reads it (`toProfileResponse`), and the headers it reads (`Date`, `Retry-After`, the 401 challenge) and writes
 * (`Authorization`, `DPoP`).
 */

/**
 * The bare axios instance for the auth endpoints (refresh, login, signup, logout): it sends the
 * refresh cookie and the profile's `authHeaders` (our contract's CSRF header), and has none of the app instance's interceptors, so a
 * refresh can never trigger a refresh. `onResponse` sees every answer's headers, errors included
 * (DPoP keeps the server's latest nonce from them). The timeout runs on the client's `timers`
 * (a test moves them; axios's own `timeout` would wait on the wall clock).
 */
export function createAuthHttp(options: {
  baseURL: string
  timeoutMs: number
  timers: Pick<Timers, 'setTimeout' | 'clearTimeout'>
  adapter?: AxiosAdapter
  onResponse?: (headers: AxiosResponse['headers']) => void
  /** The backend profile's `authHeaders`, sent with every auth call. */
  headers: Record<string, string>
}): AxiosInstance {
  const instance = axios.create({
    baseURL: options.baseURL,
    withCredentials: true,
    headers: { ...options.headers, 'Content-Type': 'application/json' },
    adapter: withTimeout(axios.getAdapter(options.adapter ?? axios.defaults.adapter), options.timeoutMs, options.timers),
  })
  const { onResponse } = options
  if (onResponse) {
    instance.interceptors.response.use(
      (response) => {
        onResponse(response.headers)
        return response
      },
      (error: unknown) => {
        if (isAxiosError(error) && error.response) onResponse(error.response.headers)
        throw error
      },
    )
  }
  return instance
}

const ABSOLUTE_HTTP_URL = /^https?:\/\/[^/]/i

/**
 * Where a request for `endpoint` goes: a full URL as it is; a path from the origin joined to the origin of `apiBaseURL`
 * when that is a full URL (Node, tests), else left as a path (the browser resolves it against the page).
 *
 * @example
 * endpointURL('/auth/refresh', 'http://localhost:3000/api') // 'http://localhost:3000/auth/refresh'
 */
export function endpointURL(endpoint: string, apiBaseURL: string): string {
  if (ABSOLUTE_HTTP_URL.test(endpoint)) return endpoint
  return ABSOLUTE_HTTP_URL.test(apiBaseURL) ? new URL(apiBaseURL).origin + endpoint : endpoint
}

/**
 * Where an auth call for `endpoint` (a profile's path from the origin, or a full URL) goes on the auth instance: under
 * the API's base, as a path relative to it (our contract's `/auth/refresh` under `/api`); elsewhere, its own URL with
 * the base switched off for that request.
 */
export function authEndpoint(endpoint: string, apiBase: string): { url: string; baseURL?: string } {
  const full = endpointURL(endpoint, apiBase)
  const base = apiBase.replace(/\/+$/, '')
  return full.startsWith(`${base}/`) ? { url: full.slice(base.length) } : { url: full, baseURL: '' }
}

/** An axios answer as a backend profile reads it. */
export function toProfileResponse(response: Pick<AxiosResponse, 'status' | 'headers' | 'data'>): ProfileResponse {
  const headers = AxiosHeaders.from(response.headers as ConstructorParameters<typeof AxiosHeaders>[0])
  return {
    status: response.status,
    header: (name) => {
      const value = headers.get(name)
      return value === undefined || value === null || value === false ? null : String(value)
    },
    body: response.data,
  }
}

/** Aborts a request still unanswered after `ms` and rejects as axios's own timeout does (`ECONNABORTED`). */
function withTimeout(adapter: AxiosAdapter, ms: number, timers: Pick<Timers, 'setTimeout' | 'clearTimeout'>): AxiosAdapter {
  return async (config) => {
    const controller = new AbortController()
    const outer = config.signal
    const abort = () => controller.abort()
    if (outer?.aborted) abort()
    else outer?.addEventListener?.('abort', abort)
    let timedOut = false
    const timer = timers.setTimeout(() => {
      timedOut = true
      abort()
    }, ms)
    try {
      return await adapter({ ...config, signal: controller.signal })
    } catch (error) {
      throw timedOut ? new AxiosError(`timeout of ${ms}ms exceeded`, AxiosError.ECONNABORTED, config) : error
    } finally {
      timers.clearTimeout(timer)
      outer?.removeEventListener?.('abort', abort)
    }
  }
}

type Headers = AxiosResponseHeaders | RawAxiosResponseHeaders | undefined

function header(headers: Headers, name: string): string | null {
  const value: unknown = headers?.[name]
  return typeof value === 'string' ? value : null
}

/** The response's `Date` header in ms, `null` when absent or unreadable. */
export function responseDate(headers: Headers): number | null {
  const value = header(headers, 'date')
  if (value === null) return null
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : ms
}

/** `Retry-After` in ms (delta-seconds or an HTTP date relative to `serverNow`), `null` when absent. */
export function retryAfterMs(headers: Headers, serverNow: number): number | null {
  const value = header(headers, 'retry-after')
  if (value === null) return null
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? null : Math.max(0, at - serverNow)
}

/** True for a `WWW-Authenticate` challenge saying the Bearer token itself was rejected (RFC 6750 §3). */
export function isInvalidTokenChallenge(headers: Headers): boolean {
  const value = header(headers, 'www-authenticate')
  return value !== null && /\berror\s*=\s*"?invalid_token"?/i.test(value)
}

/**
 * RFC 9470 §3: a `WWW-Authenticate` challenge (Bearer or DPoP) with `error="insufficient_user_authentication"`, read
 * into what it asks for (`max_age` in seconds, `acr_values` split on spaces); `null` for any other challenge.
 *
 * @example
 * readStepUpChallenge('Bearer error="insufficient_user_authentication", max_age=300') // { maxAge: 300 }
 */
export function readStepUpChallenge(value: string | null | undefined): { maxAge?: number; acrValues?: string[] } | null {
  if (!value || !/\berror\s*=\s*"?insufficient_user_authentication"?/i.test(value)) return null
  const param = (name: string) => new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|([^\\s,]+))`, 'i').exec(value)
  const maxAgeMatch = param('max_age')
  const maxAge = maxAgeMatch ? Number(maxAgeMatch[1] ?? maxAgeMatch[2]) : NaN
  const acrMatch = param('acr_values')
  const acrValues = (acrMatch?.[1] ?? acrMatch?.[2] ?? '').split(/\s+/).filter(Boolean)
  return { ...(Number.isInteger(maxAge) && maxAge >= 0 ? { maxAge } : {}), ...(acrValues.length > 0 ? { acrValues } : {}) }
}

/** The access token of an `Authorization: Bearer …` or `Authorization: DPoP …` request header, `null` when there is none. */
export function sentAccessToken(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const match = /^(?:Bearer|DPoP)\s+(.+)$/i.exec(value)
  return match?.[1] ?? null
}

/**
 * The one place a request gets its credentials, app requests (interceptors) and the refresh alike:
 * `Authorization: Bearer <token>`, or with a DPoP proof (signed for this request and this token)
 * `Authorization: DPoP <token>` and `DPoP: <proof>` (RFC 9449 §7.1).
 */
export function authorizationHeaders(token: string, proof?: string | null): Record<string, string> {
  return proof ? { Authorization: `DPoP ${token}`, DPoP: proof } : { Authorization: `Bearer ${token}` }
}
