import axios, { AxiosError, AxiosHeaders, isAxiosError, type AxiosAdapter, type AxiosInstance, type AxiosResponse } from 'axios'
import { endpointURL, type ProfileResponse } from './backend-profile'
import type { ClientTimers } from './options'

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
  timers: Pick<ClientTimers, 'setTimeout' | 'clearTimeout'>
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
function withTimeout(adapter: AxiosAdapter, ms: number, timers: Pick<ClientTimers, 'setTimeout' | 'clearTimeout'>): AxiosAdapter {
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
