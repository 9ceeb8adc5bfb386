import type { AuthClientOptions } from 'silent-refresh'

type StepUpCall = Parameters<NonNullable<AuthClientOptions['onStepUp']>>[0]

/** The open "Confirm it's you" prompt: what the server asked for, and how to answer it. */
export interface OpenStepUp {
  maxAge: number | undefined
  /** The person re-verified (`client.reauthenticate` succeeded): the held requests are replayed. */
  confirmed(): void
  /** The person cancelled: the held requests reject with `StepUpCancelledError`. */
  cancelled(): void
}

/**
 * The bridge between the client's `onStepUp` (made before React, src/main.ts) and the one dialog React renders:
 * `ask` is the client's `onStepUp`, the dialog subscribes to what is open. Plain TypeScript, no React.
 *
 * @example
 * const prompt = createStepUpPrompt()
 * const client = createAuthClient({ baseURL: '/api', onStepUp: prompt.ask })
 * prompt.subscribe((open) => render(open)) // the dialog
 */
export function createStepUpPrompt() {
  let open: OpenStepUp | null = null
  const listeners = new Set<(open: OpenStepUp | null) => void>()
  const publish = (next: OpenStepUp | null) => {
    open = next
    listeners.forEach((listener) => listener(next))
  }
  return {
    ask(call: StepUpCall): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        const close = () => {
          if (open === entry) publish(null)
        }
        const entry: OpenStepUp = {
          maxAge: call.maxAge,
          confirmed: () => {
            close()
            resolve()
          },
          cancelled: () => {
            close()
            reject(new Error('cancelled'))
          },
        }
        // The client gave up waiting (stepUpTimeoutMs): the dialog closes.
        call.signal.addEventListener('abort', close, { once: true })
        publish(entry)
      })
    },
    current: () => open,
    subscribe(listener: (open: OpenStepUp | null) => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export type StepUpPrompt = ReturnType<typeof createStepUpPrompt>
