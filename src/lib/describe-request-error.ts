import { isAxiosError } from 'axios'
import { AuthError, AuthRequestError, NotAuthenticatedError, RefreshUnavailableError, SessionExpiredError, UnexpectedAnswerError } from 'silent-refresh'
import { en, type Message, type Messages } from '../i18n'
import { formatWait } from './format-wait'

/** What went wrong with a request, as far as the person using the app needs to know. */
export type RequestProblem =
  | { kind: 'offline' }
  | { kind: 'unreachable' }
  | { kind: 'session-ended' }
  | { kind: 'server-trouble' }
  | { kind: 'rate-limited'; retryAfterSeconds: number | null }
  | { kind: 'rejected'; reason: string | null }
  /** The API's place answered like no API: a 404 or 405 from the auth endpoints, a web page, an answer not understood. */
  | { kind: 'not-set-up' }
  /** The server answered, but not as the backend profile says (a token answer it cannot read): code `invalid_response`. */
  | { kind: 'not-understood' }
  | { kind: 'other' }

interface Answer {
  status: number | null
  retryAfterSeconds: number | null
  reason: string | null
  /** The answer was a web page (`text/html`): what a static server or an SPA fallback sends, never the API. */
  html: boolean
}

/** Whether the answer behind `error` (or behind its causes: an answer not understood keeps it) was a web page. */
function isHtml(error: unknown): boolean {
  let cause = error
  for (let depth = 0; cause !== undefined && cause !== null && depth < 4; depth += 1) {
    const type: unknown = isAxiosError(cause)
      ? cause.response?.headers?.['content-type']
      : cause instanceof UnexpectedAnswerError
        ? cause.response?.header('content-type')
        : undefined
    if (typeof type === 'string') return type.toLowerCase().includes('text/html')
    cause = (cause as { cause?: unknown }).cause
  }
  return false
}

function retryAfterSeconds(header: unknown): number | null {
  const seconds = Number(header)
  return typeof header === 'string' && header.trim() !== '' && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : null
}

/** The status, Retry-After and the server's own sentence (`message` of the contract's error body). */
function answerOf(error: unknown): Answer | null {
  if (error instanceof AuthRequestError) {
    if (error.status === null) return { status: null, retryAfterSeconds: null, reason: null, html: isHtml(error.cause) }
    const cause = error.cause
    const body = isAxiosError(cause) ? (cause.response?.data as { message?: unknown } | undefined) : undefined
    return { status: error.status, retryAfterSeconds: error.retryAfterSeconds, reason: typeof body?.message === 'string' ? body.message : null, html: isHtml(cause) }
  }
  if (error instanceof RefreshUnavailableError) return { status: error.status, retryAfterSeconds: null, reason: null, html: isHtml(error.cause) }
  if (isAxiosError(error)) {
    if (!error.response) return { status: null, retryAfterSeconds: null, reason: null, html: false }
    const body = error.response.data as { message?: unknown } | undefined
    return {
      status: error.response.status,
      retryAfterSeconds: retryAfterSeconds(error.response.headers?.['retry-after']),
      reason: body && typeof body === 'object' && typeof body.message === 'string' ? body.message : null,
      html: isHtml(error),
    }
  }
  return null
}

const isOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false

/**
 * The API's place answered like no API: a web page below 500 (a static server's 404 or its SPA fallback, where a token
 * answer was expected too), or a 404 or 405 from the auth endpoints (which always exist). An auth answer in JSON that
 * the backend profile cannot read is not this: it is `not-understood`.
 */
function answeredLikeNoApi(error: unknown, answer: Answer): boolean {
  if (answer.html) return answer.status === null || answer.status < 500
  if (answer.status === null || answer.status >= 500) return false
  const auth = error instanceof AuthRequestError || error instanceof RefreshUnavailableError
  return auth && (answer.status === 404 || answer.status === 405)
}

let toldDevelopers = false
/** Once per page: what is wrong and how to run the production build against the mock, in the console. */
function tellDevelopers(error: unknown, answer: Answer): void {
  if (toldDevelopers || typeof console === 'undefined') return
  toldDevelopers = true
  const what = answer.status === null ? 'an answer that is not the contract\'s' : `${answer.status}${answer.html ? ' (text/html)' : ''}`
  console.error(
    `The server's answer was not understood: the API at /api answered ${what}, so no API server is set up behind it. ` +
      'To run the production build against the mock: `npm run mock:server`, `npm run build`, then ' +
      '`MOCK_SERVER=http://localhost:4000 npm run preview` (README, "npm scripts").',
    error,
  )
}

let toldConsole = false
/** Once per page, what was not understood, in the console: a misconfiguration for developers to fix, not for the person to retry. */
function tellConsole(error: AuthError): void {
  if (toldConsole) return
  toldConsole = true
  console.error(`The server's answer was not understood (the backend profile, src/backend-profile.ts, and the server disagree): ${error.message}`, error)
}

export function classifyRequestError(error: unknown): RequestProblem {
  if (error instanceof SessionExpiredError || error instanceof NotAuthenticatedError) return { kind: 'session-ended' }
  const answer = answerOf(error)
  // No API behind /api at all (a web page, a 404 from the auth endpoints) before an answer the profile cannot read.
  if (answer && answeredLikeNoApi(error, answer)) {
    tellDevelopers(error, answer)
    return { kind: 'not-set-up' }
  }
  if (error instanceof AuthError && error.code === 'invalid_response') {
    tellConsole(error)
    return { kind: 'not-understood' }
  }
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
    case 'not-set-up':
      return words.notSetUp
    case 'not-understood':
      return words.notUnderstood(kept)
    case 'other':
      return words.other(kept, retry)
  }
}

export function describeRequestError(error: unknown, options?: DescribeOptions, t: Messages = en): string {
  return describeProblem(classifyRequestError(error), options, t)
}

/** The server's field problems (the mock's `invalid_request` sentences) this app words itself, at the field. */
const FIELD_PROBLEMS: readonly [RegExp, (limit: number) => Message][] = [
  [/^email must be 1 to (\d+) characters$/, (limit) => (t) => t.validation.emailTooLong(limit)],
  [/^email must be a valid address$/, () => (t) => t.validation.emailShape],
  [/^email is required$/, () => (t) => t.validation.emailMissing],
  [/^password must not be empty$|^password is required$/, () => (t) => t.validation.passwordMissing],
  [/^password must be at least (\d+) characters$/, (limit) => (t) => t.validation.passwordTooShort(limit)],
  [/^name must not be empty$|^name is required$/, () => (t) => t.validation.nameMissing],
  [/^name must be at most (\d+) characters$/, (limit) => (t) => t.validation.nameTooLong(limit)],
  [/^title must not be empty$|^title is required$/, () => (t) => t.validation.titleMissing],
  [/^title must be at most (\d+) characters$/, (limit) => (t) => t.validation.titleTooLong(limit)],
  [/^body must be at most (\d+) characters$/, (limit) => (t, locale) => t.validation.bodyTooLong(limit.toLocaleString(locale))],
]

/**
 * A refusal's problems that name one of `fields` (`Invalid request: email must be 1 to 254 characters; …`), each as
 * the app says it in its own language (a problem it does not know: "the server did not accept this" at the field);
 * `complete` when every problem found its field.
 */
export function serverFieldMessages<Field extends string>(error: unknown, fields: readonly Field[]): { fields: Partial<Record<Field, Message>>; complete: boolean } {
  // A form's own error may wrap the request's (its `cause`).
  const answer = answerOf(error) ?? (error instanceof Error ? answerOf(error.cause) : null)
  const found: Partial<Record<Field, Message>> = {}
  if (answer?.status !== 400 || !answer.reason) return { fields: found, complete: false }
  const problems = answer.reason.replace(/^Invalid request:\s*/i, '').split(/;\s*/).filter(Boolean)
  let placed = 0
  for (const problem of problems) {
    const field = fields.find((name) => problem.startsWith(`${name} `))
    if (!field) continue
    placed += 1
    if (found[field]) continue
    const known = FIELD_PROBLEMS.map(([pattern, word]) => [problem.match(pattern), word] as const).find(([match]) => match)
    found[field] = known ? known[1](Number(known[0]![1] ?? 0)) : (t) => t.validation.serverRefused
  }
  return { fields: found, complete: placed > 0 && placed === problems.length }
}
