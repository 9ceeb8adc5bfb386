// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { I18n } from './index'

const RealNumberFormat = Intl.NumberFormat
let made = 0

afterEach(() => {
  cleanup()
  Intl.NumberFormat = RealNumberFormat
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
})
