import { useCallback, useEffect, useState } from 'react'

export type RequestState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'success'; data: T }

export interface Request<T> {
  state: RequestState<T>
  /** Runs the request again (a retry button). */
  reload(): void
  /** Changes the loaded data in place (e.g. a new post at the top). */
  update(change: (data: T) => T): void
}

/**
 * Runs `load` on mount and whenever it changes (keep it stable with `useCallback`), aborting the
 * previous run, and tracks loading, error and data.
 *
 * @example
 * const load = useCallback((signal: AbortSignal) => getMe(client.http, signal), [client])
 * const { state, reload } = useRequest(load)
 */
export function useRequest<T>(load: (signal: AbortSignal) => Promise<T>): Request<T> {
  const [state, setState] = useState<RequestState<T>>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    const controller = new AbortController()
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'success', data })
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error })
      },
    )
    return () => controller.abort()
  }, [load, attempt])

  const reload = useCallback(() => {
    setState({ status: 'loading' })
    setAttempt((n) => n + 1)
  }, [])
  const update = useCallback(
    (change: (data: T) => T) =>
      setState((current) => (current.status === 'success' ? { status: 'success', data: change(current.data) } : current)),
    [],
  )
  return { state, reload, update }
}
