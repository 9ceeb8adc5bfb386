/**
 * At most one run of `task` at a time: callers arriving while it runs get the promise in flight
 * (as TanStack Query's `Query.fetch()` returns the current promise when already fetching).
 */
export interface SingleFlight<A, T> {
  /** Starts `task(arg)` unless a run is in flight, in which case that run's promise is returned. */
  run(arg: A): Promise<T>
  /** The run in flight, if any. */
  current(): Promise<T> | null
}

export function createSingleFlight<A, T>(task: (arg: A) => Promise<T>): SingleFlight<A, T> {
  let inflight: Promise<T> | null = null
  return {
    run(arg) {
      if (inflight) return inflight
      const promise = Promise.resolve()
        .then(() => task(arg))
        .finally(() => {
          if (inflight === promise) inflight = null
        })
      // A run whose callers all went away (aborted) must not become an unhandled rejection.
      promise.catch(() => undefined)
      inflight = promise
      return promise
    },
    current: () => inflight,
  }
}
