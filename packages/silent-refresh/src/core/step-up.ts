import { StepUpCancelledError, StepUpRequiredError, StepUpTimeoutError, type StepUpChallenge } from './errors'
import type { AuthClientOptions, Timers } from './types'

/*
 * Step-up (RFC 9470): the one prompt every request that meets "re-verify first" waits behind. Like the refresh's
 * single flight: the first such answer asks the app (`onStepUp`), the others that come while it is open join it, and
 * each is replayed once when it resolves (the interceptors and `authorizedFetch` do the replay). A request sent while
 * a prompt was open whose answer comes only after the person answered it shares that answer too (a request note the
 * `round` when it leaves): two sensitive requests sent together never ask twice, whichever answer is slower.
 */

/** Default `stepUpTimeoutMs`: an unanswered prompt releases its held requests after 5 minutes. */
export const DEFAULT_STEP_UP_TIMEOUT_MS = 5 * 60 * 1000

export interface StepUp {
  /**
   * Resolves once the person has re-verified (the prompt in flight, or one started now); rejects with
   * `StepUpRequiredError` (no `onStepUp`), `StepUpCancelledError` (they cancelled) or `StepUpTimeoutError`.
   */
  hold(challenge: StepUpChallenge, sentInRound?: number): Promise<void>
  /**
   * How many prompts have been answered (resolved, rejected or timed out) so far. A request notes it when it is sent
   * and gives it to `hold`: if a prompt was answered since, the request shares that answer instead of asking again.
   */
  round(): number
}

/**
 * The step-up's single flight, on the client's timers.
 *
 * @example
 * const stepUp = createStepUp({ onStepUp: ({ signal }) => openDialog(signal), timeoutMs: 300_000, timers })
 * const round = stepUp.round() // when the request is sent
 * await stepUp.hold({ maxAge: 300 }, round) // on its step-up answer; then replay the request once
 */
export function createStepUp(options: { onStepUp?: AuthClientOptions['onStepUp']; timeoutMs: number; timers: Timers }): StepUp {
  const { onStepUp, timeoutMs, timers } = options
  let inflight: Promise<void> | null = null
  // The prompts answered so far, and the last one's outcome (shared with requests sent before it was answered).
  let answered = 0
  let lastAnswer: Promise<void> | null = null

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
    hold(challenge, sentInRound) {
      if (!onStepUp) return Promise.reject(new StepUpRequiredError(challenge))
      if (inflight) return inflight
      if (lastAnswer && sentInRound !== undefined && sentInRound < answered) return lastAnswer
      const flight: Promise<void> = prompt(challenge, onStepUp).finally(() => {
        if (inflight === flight) inflight = null
        answered++
        lastAnswer = flight
      })
      inflight = flight
      return flight
    },
    round: () => answered,
  }
}
