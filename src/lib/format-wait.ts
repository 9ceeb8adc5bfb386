const MINUTE = 60
const HOUR = 60 * MINUTE

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * A wait as a person says it: "1 second", "40 seconds", "about 15 minutes", "about 2 hours".
 * Rounded up, so the wait is never shorter than told.
 */
export function formatWait(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds))
  if (s < MINUTE) return plural(s, 'second', 'seconds')
  if (s < HOUR) return `about ${plural(Math.ceil(s / MINUTE), 'minute', 'minutes')}`
  return `about ${plural(Math.ceil(s / HOUR), 'hour', 'hours')}`
}
