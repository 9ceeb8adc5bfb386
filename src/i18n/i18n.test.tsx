// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { I18n } from './index'

const RealNumberFormat = Intl.NumberFormat
const RealDateTimeFormat = Intl.DateTimeFormat
let made = 0

afterEach(() => {
  cleanup()
  localStorage.clear()
  Intl.NumberFormat = RealNumberFormat
  Intl.DateTimeFormat = RealDateTimeFormat
})

describe('I18nProvider', () => {
  it('makes no number formatter until a number is formatted (a first Intl formatter loads locale data), then reuses one', async () => {
    made = 0
    Intl.NumberFormat = class extends RealNumberFormat {
      constructor(...args: ConstructorParameters<typeof RealNumberFormat>) {
        super(...args)
        made++
      }
    } as typeof Intl.NumberFormat
    vi.resetModules()
    const { I18nProvider, useI18n } = await import('./index')
    let i18n!: I18n
    function Probe() {
      i18n = useI18n()
      return <h1>{i18n.t.login.title}</h1>
    }
    render(
      <I18nProvider hydratingLocale="en">
        <Probe />
      </I18nProvider>,
    )
    expect(screen.getByRole('heading', { name: 'Log in' })).toBeInTheDocument()
    expect(made).toBe(0)

    expect(i18n.formatNumber(12345)).toBe('12,345')
    expect(i18n.formatNumber(2)).toBe('2')
    expect(made).toBe(1)

    await act(async () => i18n.setLocale('ko'))
    expect(made).toBe(1)
    expect(i18n.formatNumber(12345)).toBe('12,345')
    expect(made).toBe(2)
  })

  it('makes one date formatter per set of options and language, not one per date (the board formats every post)', async () => {
    const made: string[] = []
    Intl.DateTimeFormat = class extends RealDateTimeFormat {
      constructor(...args: ConstructorParameters<typeof RealDateTimeFormat>) {
        super(...args)
        made.push(`${String(args[0])} ${JSON.stringify(args[1])}`)
      }
    } as typeof Intl.DateTimeFormat
    vi.resetModules()
    const { I18nProvider, useI18n } = await import('./index')
    let i18n!: I18n
    function Probe() {
      i18n = useI18n()
      return null
    }
    render(
      <I18nProvider hydratingLocale="en">
        <Probe />
      </I18nProvider>,
    )
    const dates = Array.from({ length: 20 }, (_, day) => `2026-01-${String(day + 1).padStart(2, '0')}T09:30:00Z`)
    const shown = dates.map((iso) => i18n.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }))
    expect(shown[0]).toMatch(/^Jan 1, 2026, 9:30\sAM$/)
    expect(shown[19]).toMatch(/^Jan 20, 2026, 9:30\sAM$/)
    expect(i18n.formatDate(dates[0]!, { dateStyle: 'long', timeZone: 'UTC' })).toBe('January 1, 2026')
    expect(i18n.formatDate(dates[1]!, { dateStyle: 'long', timeZone: 'UTC' })).toBe('January 2, 2026')
    expect(made).toEqual(['en {"dateStyle":"medium","timeStyle":"short","timeZone":"UTC"}', 'en {"dateStyle":"long","timeZone":"UTC"}'])

    await act(async () => i18n.setLocale('ko'))
    expect(i18n.formatDate(dates[0]!, { dateStyle: 'long', timeZone: 'UTC' })).toBe('2026년 1월 1일')
    expect(made).toHaveLength(3)
  })
})
