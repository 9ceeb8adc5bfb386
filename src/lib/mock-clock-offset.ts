import { useSyncExternalStore } from 'react'

// Mock mode only: how far the inspector has moved the mock server's clock, so dates the server writes
// (a post made "15 days later") are shown with the offset beside them. Always 0 in a production build.
const ENABLED = import.meta.env.DEV && import.meta.env.VITE_MOCK_WORKER === 'on'
const KEY = 'inspector:mock-clock-offset-ms'
const listeners = new Set<() => void>()

function read(): number {
  if (!ENABLED || typeof sessionStorage === 'undefined') return 0
  const value = Number(sessionStorage.getItem(KEY))
  return Number.isFinite(value) ? value : 0
}

/** Records that the mock's clock moved `ms` further ahead (the inspector calls this beside `advanceClock`). */
export function addMockClockOffset(ms: number): void {
  if (!ENABLED) return
  sessionStorage.setItem(KEY, String(read() + ms))
  listeners.forEach((listener) => listener())
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The mock server clock's lead over this browser's, in ms (0 outside mock mode). */
export function useMockClockOffset(): number {
  return useSyncExternalStore(subscribe, read, () => 0)
}

const UNITS: Array<[number, 'day' | 'hour' | 'minute' | 'second']> = [
  [24 * 60 * 60 * 1000, 'day'],
  [60 * 60 * 1000, 'hour'],
  [60 * 1000, 'minute'],
  [1000, 'second'],
]

/** `+15 days`, `+1 hour 1 minute` (`+15일`, `+1시간 1분` in Korean): the two largest units of a span, in `locale`'s words. */
export function formatClockOffset(ms: number, locale = 'en'): string {
  const unitWords = (n: number, unit: string) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(n)
  let rest = Math.abs(ms)
  const parts: string[] = []
  for (const [size, unit] of UNITS) {
    const n = Math.floor(rest / size)
    rest -= n * size
    if (n > 0 && parts.length < 2) parts.push(unitWords(n, unit))
  }
  return `${ms < 0 ? '−' : '+'}${parts.join(' ') || unitWords(0, 'second')}`
}
