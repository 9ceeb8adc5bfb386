import { isAxiosError } from 'axios'
import { AuthError, AuthRequestError, NotAuthenticatedError, RefreshUnavailableError, SessionExpiredError } from 'silent-refresh'
import { en, type Messages } from '../i18n'
import { formatWait } from './format-wait'

/** What went wrong with a request, as far as the person using the app needs to know. */
export type RequestProblem =
  | { kind: 'offline' }
  | { kind: 'unreachable' }
  | { kind: 'session-ended' }
  | { kind: 'server-trouble' }
  | { kind: 'rate-limited'; retryAfterSeconds: number | null }
  | { kind: 'rejected'; reason: string | null }
  /** The server answered, but not as the backend profile says (HTML where JSON was expected, a 404 on the refresh path): code `invalid_response`. */
  | { kind: 'not-understood' }
  | { kind: 'other' }

interface Answer {
  status: number | null
  retryAfterSeconds: number | null
  reason: string | null
}

function retryAfterSeconds(header: unknown): number | null {
  const seconds = Number(header)
  return typeof header === 'string' && header.trim() !== '' && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : null
}

/** The status, Retry-After and the server's own sentence (`message` of the contract's error body). */
function answerOf(error: unknown): Answer | null {
  if (error instanceof AuthRequestError) {
    if (error.status === null) return { status: null, retryAfterSeconds: null, reason: null }
    const cause = error.cause
    const body = isAxiosError(cause) ? (cause.response?.data as { message?: unknown } | undefined) : undefined
    return { status: error.status, retryAfterSeconds: error.retryAfterSeconds, reason: typeof body?.message === 'string' ? body.message : null }
  }
  if (error instanceof RefreshUnavailableError) return { status: error.status, retryAfterSeconds: null, reason: null }
  if (isAxiosError(error)) {
    if (!error.response) return { status: null, retryAfterSeconds: null, reason: null }
    const body = error.response.data as { message?: unknown } | undefined
    return {
      status: error.response.status,
      retryAfterSeconds: retryAfterSeconds(error.response.headers?.['retry-after']),
      reason: body && typeof body === 'object' && typeof body.message === 'string' ? body.message : null,
    }
  }
  return null
}

const isOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false

let toldConsole = false
/** Once per page, what was not understood, in the console: a misconfiguration for developers to fix, not for the person to retry. */
function tellConsole(error: AuthError): void {
  if (toldConsole) return
  toldConsole = true
  console.error(`The server's answer was not understood (the backend profile, src/backend-profile.ts, and the server disagree): ${error.message}`, error)
}

export function classifyRequestError(error: unknown): RequestProblem {
  if (error instanceof SessionExpiredError || error instanceof NotAuthenticatedError) return { kind: 'session-ended' }
  if (error instanceof AuthError && error.code === 'invalid_response') {
    tellConsole(error)
    return { kind: 'not-understood' }
  }
  const answer = answerOf(error)
  if (!answer) return { kind: 'other' }
  if (answer.status === null) return { kind: isOffline() ? 'offline' : 'unreachable' }
  if (answer.status === 429) return { kind: 'rate-limited', retryAfterSeconds: answer.retryAfterSeconds }
  if (answer.status >= 500) return { kind: 'server-trouble' }
  if (answer.status === 400 || answer.status === 413 || answer.status === 422) return { kind: 'rejected', reason: answer.reason }
  return { kind: 'other' }
}

export interface DescribeOptions {
  /** What the person can do again, e.g. "Post it". Defaults to the catalogue's "Try". */
  retry?: string
  /** Added when what they typed is safe, e.g. "Your draft is kept." */
  kept?: string
}

/**
 * One sentence for a failed request, used by every form and page: offline, the server unreachable,
 * the server in trouble (never blaming the person), a rate limit as a wait in words, or the server's
 * own reason for refusing the input.
 */
export function describeProblem(problem: RequestProblem, options: DescribeOptions = {}, t: Messages = en): string {
  const words = t.errors
  const retry = options.retry ?? words.tryAction
  const kept = options.kept ? ` ${options.kept}` : ''
  switch (problem.kind) {
    case 'offline':
      return words.offline(kept, retry)
    case 'unreachable':
      return words.unreachable(kept, retry)
    case 'session-ended':
      return words.sessionEnded
    case 'server-trouble':
      return words.serverTrouble(kept, retry)
    case 'rate-limited':
      return problem.retryAfterSeconds !== null ? words.rateLimited(formatWait(problem.retryAfterSeconds, t.wait)) : words.rateLimitedLater
    case 'rejected':
      return problem.reason ? words.rejectedWithReason(problem.reason) : words.rejected
    case 'not-understood':
      return words.notUnderstood(kept)
    case 'other':
      return words.other(kept, retry)
  }
}

export function describeRequestError(error: unknown, options?: DescribeOptions, t: Messages = en): string {
  return describeProblem(classifyRequestError(error), options, t)
}
