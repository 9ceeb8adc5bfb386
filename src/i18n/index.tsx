import { createContext, startTransition, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { en, type Messages } from './en'
import { ko } from './ko'

export type { Messages } from './en'
export { en } from './en'
export { ko } from './ko'

export const LOCALES = ['en', 'ko'] as const
export type Locale = (typeof LOCALES)[number]
export const CATALOGUES: Record<Locale, Messages> = { en, ko }

/**
 * Words kept as a function of the catalogue until they are shown (a form's errors, a server's refusal): switching
 * the language re-words what is already on screen.
 *
 * @example
 * const [error, setError] = useState<Message | null>(null)
 * setError(() => (t) => t.validation.emailMissing)
 * return <p>{error?.(t, locale)}</p>
 */
export type Message = (t: Messages, locale: Locale) => string

/** The chosen language is a UI preference, not a secret: it is kept in localStorage under this key. */
export const LOCALE_STORAGE_KEY = 'ui-language'

export interface I18n {
  locale: Locale
  t: Messages
  setLocale(locale: Locale): void
  /** A date (ISO string) in the reader's language. */
  formatDate(iso: string, options: Intl.DateTimeFormatOptions): string
  formatNumber(value: number): string
}

function i18nFor(locale: Locale, setLocale: (locale: Locale) => void): I18n {
  // Made on first use: the first Intl formatter of a page loads the locale's data, about 110 ms of a 4× slower phone's
  // main thread, and this runs when the app's code is evaluated (the default context) and on every locale switch.
  // Dates likewise, one formatter per set of options: the board formats every post's date on every render.
  let numbers: Intl.NumberFormat | undefined
  const dates = new Map<string, Intl.DateTimeFormat>()
  const dateFormat = (options: Intl.DateTimeFormatOptions) => {
    const key = JSON.stringify(options)
    let format = dates.get(key)
    if (!format) dates.set(key, (format = new Intl.DateTimeFormat(locale, options)))
    return format
  }
  return {
    locale,
    t: CATALOGUES[locale],
    setLocale,
    formatDate: (iso, options) => dateFormat(options).format(new Date(iso)),
    formatNumber: (value) => (numbers ??= new Intl.NumberFormat(locale)).format(value),
  }
}

const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale)

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(LOCALE_STORAGE_KEY)
    if (isLocale(stored)) return stored
  } catch {
    // Storage can be blocked; the browser's language decides then.
  }
  return typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('ko') ? 'ko' : 'en'
}

const I18nContext = createContext<I18n>(i18nFor('en', () => {}))

/**
 * The language of the app: remembered across visits, set on `<html lang>`, with dates and numbers by locale.
 * `hydratingLocale`: the language of the prerendered HTML being hydrated; the first render uses it (hydration must
 * match the HTML), then the remembered language replaces it once the page is hydrated.
 */
export function I18nProvider({ children, hydratingLocale }: { children: ReactNode; hydratingLocale?: Locale | undefined }) {
  const [locale, setLocaleState] = useState<Locale>(hydratingLocale ?? initialLocale)
  useEffect(() => {
    if (hydratingLocale === undefined) return
    const remembered = initialLocale()
    // Hydration must match the English HTML; the remembered language follows as a transition, so React finishes
    // hydrating the page (its lazy route included) first instead of throwing the server HTML away.
    if (remembered !== hydratingLocale) startTransition(() => setLocaleState(remembered))
  }, [hydratingLocale])
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next)
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, next)
    } catch {
      // Not remembered, still switched.
    }
  }, [])
  useEffect(() => {
    document.documentElement.lang = locale
  }, [locale])
  const value = useMemo(() => i18nFor(locale, setLocale), [locale, setLocale])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  return useContext(I18nContext)
}
