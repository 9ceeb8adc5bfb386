import type { AuthEvent } from './types'

/** Runs a listener so that its exception surfaces (asynchronously) without breaking the client's own flow. */
export function notify(run: () => void): void {
  try {
    run()
  } catch (error) {
    queueMicrotask(() => {
      throw error
    })
  }
}

/** The client's events: to `onEvent` (given at creation) and to listeners added later (`client.onEvent`). */
export function createEventHub(onEvent: ((event: AuthEvent) => void) | undefined) {
  const listeners = new Set<(event: AuthEvent) => void>()
  return {
    emit(event: AuthEvent): void {
      notify(() => onEvent?.(event))
      for (const listener of [...listeners]) notify(() => listener(event))
    },
    listen(listener: (event: AuthEvent) => void): () => void {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}
