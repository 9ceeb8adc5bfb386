import { en, type Messages } from '../i18n'

const MINUTE = 60
const HOUR = 60 * MINUTE

/**
 * A wait as a person says it: "1 second", "40 seconds", "about 15 minutes", "about 2 hours".
 * Rounded up, so the wait is never shorter than told.
 */
export function formatWait(seconds: number, words: Messages['wait'] = en.wait): string {
  const s = Math.max(0, Math.ceil(seconds))
  if (s < MINUTE) return words.seconds(s)
  if (s < HOUR) return words.minutes(Math.ceil(s / MINUTE))
  return words.hours(Math.ceil(s / HOUR))
}
