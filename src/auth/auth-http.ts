import axios, { isAxiosError, type AxiosAdapter, type AxiosInstance, type AxiosResponse } from 'axios'

/**
 * The bare axios instance for the auth endpoints (refresh, login, signup, logout): it sends the
 * refresh cookie and the CSRF header, and has none of the app instance's interceptors, so a
 * refresh can never trigger a refresh. `onResponse` sees every answer's headers, errors included
 * (DPoP keeps the server's latest nonce from them).
 */
export function createAuthHttp(options: {
  baseURL: string
  timeoutMs: number
  adapter?: AxiosAdapter
  onResponse?: (headers: AxiosResponse['headers']) => void
}): AxiosInstance {
  const instance = axios.create({
    baseURL: options.baseURL,
    timeout: options.timeoutMs,
    withCredentials: true,
    headers: { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' },
    ...(options.adapter ? { adapter: options.adapter } : {}),
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
