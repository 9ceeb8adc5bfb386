import { StepUpCancelledError, StepUpRequiredError, StepUpTimeoutError, type StepUpChallenge } from './errors'
import type { AuthClientOptions, Timers } from './types'

/*
 * Step-up (RFC 9470): the one prompt every request that meets "re-verify first" waits behind. Like the refresh's
 * single flight: the first such answer asks the app (`onStepUp`), the others that come while it is open join it, and
 * each is replayed once when it resolves (the interceptors and `authorizedFetch` do the replay).
 */

/** Default `stepUpTimeoutMs`: an unanswered prompt releases its held requests after 5 minutes. */
export const DEFAULT_STEP_UP_TIMEOUT_MS = 5 * 60 * 1000

export interface StepUp {
  /**
   * Resolves once the person has re-verified (the prompt in flight, or one started now); rejects with
   * `StepUpRequiredError` (no `onStepUp`), `StepUpCancelledError` (they cancelled) or `StepUpTimeoutError`.
   */
  hold(challenge: StepUpChallenge): Promise<void>
}

/**
 * The step-up's single flight, on the client's timers.
 *
 * @example
 * const stepUp = createStepUp({ onStepUp: ({ signal }) => openDialog(signal), timeoutMs: 300_000, timers })
 * await stepUp.hold({ maxAge: 300 }) // then replay the request once
 */
export function createStepUp(options: { onStepUp?: AuthClientOptions['onStepUp']; timeoutMs: number; timers: Timers }): StepUp {
  const { onStepUp, timeoutMs, timers } = options
  let inflight: Promise<void> | null = null

  function prompt(challenge: StepUpChallenge, ask: NonNullable<AuthClientOptions['onStepUp']>): Promise<void> {
    const controller = new AbortController()
    return new Promise<void>((resolve, reject) => {
      const timer = timers.setTimeout(() => {
        controller.abort(new StepUpTimeoutError(timeoutMs))
        reject(new StepUpTimeoutError(timeoutMs))
      }, timeoutMs)
      const settle = () => timers.clearTimeout(timer)
      Promise.resolve()
        .then(() => ask({ ...challenge, signal: controller.signal }))
        .then(
          () => {
            settle()
            resolve()
          },
          (cause: unknown) => {
            settle()
            reject(cause instanceof StepUpTimeoutError ? cause : new StepUpCancelledError(challenge, { cause }))
          },
        )
    })
  }

  return {
    hold(challenge) {
      if (!onStepUp) return Promise.reject(new StepUpRequiredError(challenge))
      if (inflight) return inflight
      const flight = prompt(challenge, onStepUp).finally(() => {
        if (inflight === flight) inflight = null
      })
      inflight = flight
      return flight
    },
  }
}
