/** The warning shows this long before the session ends. */
export const WARNING_LEAD_MS = 2 * 60_000

/** Two tabs estimate the server's clock a little differently: ends this close are the same end. */
export const SAME_END_TOLERANCE_MS = 5_000

export type WarningPhase = 'none' | 'before' | 'warning' | 'ended'

/** Where `now` stands against the session's end (client clock, ms): nothing known, before the warning, in it, past the end. */
export function warningPhase(sessionExpiresAt: number | null, now: number, leadMs = WARNING_LEAD_MS): WarningPhase {
  if (sessionExpiresAt === null) return 'none'
  if (now >= sessionExpiresAt) return 'ended'
  return now >= sessionExpiresAt - leadMs ? 'warning' : 'before'
}

export function sameEnd(a: number | null, b: number | null): boolean {
  return a !== null && b !== null && Math.abs(a - b) <= SAME_END_TOLERANCE_MS
}

/**
 * The time left in words, in the reader's language: "in 2 minutes", "in 45 seconds" ("2분 후", "45초 후").
 * Rounded up to whole minutes from one minute on, so the time is never shorter than told.
 */
export function timeLeftInWords(ms: number, locale: string): string {
  const words = new Intl.RelativeTimeFormat(locale, { numeric: 'always' })
  const seconds = Math.max(1, Math.ceil(ms / 1000))
  return seconds < 60 ? words.format(seconds, 'second') : words.format(Math.ceil(seconds / 60), 'minute')
}

/** The clock time of the end, as the reader writes it ("11:47 PM", "오후 11:47"). */
export function endTimeInWords(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(new Date(at))
}
