import type { AxiosError, InternalAxiosRequestConfig } from 'axios'
import type { Contestant } from '../contestants/contestant'
import { createPeerSession } from './peer-session'

type RetryConfig = InternalAxiosRequestConfig & { _retry?: boolean }
interface Waiter {
  resolve(token: string): void
  reject(error: unknown): void
}

/**
 * The recipe most silent-refresh blog posts and answers give: `isRefreshing` + `failedQueue`,
 * refresh on every 401, `_retry` to replay once, log out when the refresh fails for any reason.
 * Kept as written except that its two variables live in this factory instead of the module (so
 * runs do not leak into each other), `error.response?.status` does not crash on a network error,
 * and the refresh goes through a separate instance (the blog's shared instance can loop).
 */
export const handWrittenInterceptor: Contestant = {
  name: 'hand-written recipe',
  description: 'the isRefreshing + failedQueue interceptor of the blog posts (bench/peers/hand-written-interceptor.ts)',
  create({ baseURL, adapter }) {
    const session = createPeerSession(baseURL, adapter)
    let loggedOut = false
    let isRefreshing = false
    let failedQueue: Waiter[] = []

    const processQueue = (error: unknown, token: string | null = null) => {
      failedQueue.forEach((waiter) => (error ? waiter.reject(error) : waiter.resolve(token!)))
      failedQueue = []
    }
    // The blog's `store.dispatch(logout()); window.location.href = '/login'`.
    const logout = () => {
      session.token.current = null
      loggedOut = true
    }

    const interceptorId = session.http.interceptors.response.use(
      (response) => response,
      (error: AxiosError) => {
        const originalRequest = error.config as RetryConfig
        if (error.response?.status === 401 && !originalRequest._retry) {
          if (isRefreshing) {
            return new Promise<string>((resolve, reject) => {
              failedQueue.push({ resolve, reject })
            }).then((token) => {
              originalRequest.headers.Authorization = `Bearer ${token}`
              return session.http(originalRequest)
            })
          }
          originalRequest._retry = true
          isRefreshing = true
          return new Promise((resolve, reject) => {
            session
              .refresh()
              .then((token) => {
                originalRequest.headers.Authorization = `Bearer ${token}`
                processQueue(null, token)
                resolve(session.http(originalRequest))
              })
              .catch((refreshError: unknown) => {
                processQueue(refreshError, null)
                logout()
                reject(refreshError)
              })
              .finally(() => {
                isRefreshing = false
              })
          })
        }
        return Promise.reject(error)
      },
    )

    return {
      http: session.http,
      login: async (credentials) => {
        await session.login(credentials)
        loggedOut = false
      },
      signedIn: () => !loggedOut && session.token.current !== null,
      dispose: () => session.http.interceptors.response.eject(interceptorId),
    }
  },
}
