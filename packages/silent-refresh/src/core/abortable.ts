import { CanceledError, type GenericAbortSignal, type InternalAxiosRequestConfig } from 'axios'

/**
 * Waits for `promise` unless the request's signal fires first, in which case it rejects at once
 * with axios's `CanceledError` (what axios itself throws for an aborted request). The promise
 * itself (a shared refresh) carries on for its other waiters.
 */
export function abortable<T>(promise: Promise<T>, config: InternalAxiosRequestConfig): Promise<T> {
  const signal: GenericAbortSignal | undefined = config.signal
  if (!signal) return promise
  const cancelled = () => new CanceledError<unknown>('Request aborted while waiting for a token refresh', config)
  if (signal.aborted) return Promise.reject(cancelled())
  if (typeof signal.addEventListener !== 'function') return promise
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled())
    signal.addEventListener?.('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener?.('abort', onAbort))
  })
}
