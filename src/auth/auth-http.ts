import axios, { type AxiosAdapter, type AxiosInstance } from 'axios'

/**
 * The bare axios instance for the auth endpoints (refresh, login, signup, logout): it sends the
 * refresh cookie and the CSRF header, and has none of the app instance's interceptors, so a
 * refresh can never trigger a refresh.
 */
export function createAuthHttp(options: { baseURL: string; timeoutMs: number; adapter?: AxiosAdapter }): AxiosInstance {
  return axios.create({
    baseURL: options.baseURL,
    timeout: options.timeoutMs,
    withCredentials: true,
    headers: { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' },
    ...(options.adapter ? { adapter: options.adapter } : {}),
  })
}
