// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useMockServer } from '../../mocks/testing'
import { createFakeTabs } from 'silent-refresh/testing'
import { renderApp, signInOutsideTheApp } from '../support/render-app'
import { WHOLE_APP_TIMEOUT_MS } from '../support/timeouts'

// Renders the whole app: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: WHOLE_APP_TIMEOUT_MS })

const MINUTE = 60_000

/** Time passes for the server and for the page (its timers fire in order, as they would). */
async function pass(ms: number, mockControl: { advanceClock(ms: number): Promise<unknown> }) {
  await mockControl.advanceClock(ms)
  await act(() => vi.advanceTimersByTimeAsync(ms))
}

describe('the warning before the session ends (fake clock)', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  })
  afterEach(() => {
    cleanup()
    vi.useRealTimers()
    localStorage.clear()
  })

  it('two minutes before an idle end: a modal alert dialog with the time in words; focus moves in; "Stay signed in" is one refresh and moves the end', async () => {
    await mockControl.configure({ idleTtlMs: 10 * MINUTE })
    await signInOutsideTheApp()
    renderApp({ route: '/board' })
    await screen.findByRole('heading', { name: 'Board' })
    screen.getByLabelText('Title').focus()

    await pass(7 * MINUTE, mockControl)
    expect(screen.queryByRole('alertdialog')).toBeNull()
    await pass(MINUTE + 30_000, mockControl)

    const dialog = await screen.findByRole('alertdialog', { name: 'Your session is about to end' })
    expect(dialog).toHaveAttribute('aria-modal', 'true')
    expect(dialog).toHaveAccessibleDescription(/your session ends in 2 minutes \(at \d{1,2}:\d\d/)
    expect(within(dialog).getByRole('button', { name: 'Stay signed in' })).toHaveFocus()
    // Modal for real: the page behind it cannot be clicked, focused or read while it is open.
    expect(screen.getByLabelText('Title').closest('[inert]')).not.toBeNull()
    expect(dialog.closest('[inert]')).toBeNull()
    await pass(40_000, mockControl)
    expect(dialog).toHaveAccessibleDescription(/ends in 5\d seconds/)

    const before = await mockControl.stats()
    within(dialog).getByRole('button', { name: 'Stay signed in' }).click()

    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull())
    expect((await mockControl.stats()).refreshCalls - before.refreshCalls).toBe(1)
    expect(document.querySelector('[inert]')).toBeNull()
    expect(screen.getByLabelText('Title')).toHaveFocus()
    // The idle end moved: no warning for the next seven minutes.
    await pass(7 * MINUTE, mockControl)
    expect(screen.queryByRole('alertdialog')).toBeNull()
  })

  it('shared by two tabs: both warn; "Stay signed in" in one closes both with exactly one refresh', async () => {
    await mockControl.configure({ idleTtlMs: 10 * MINUTE })
    await signInOutsideTheApp()
    const hub = createFakeTabs()
    const tabs = [0, 1].map(() => renderApp({ route: '/profile', clientOptions: { coordinator: hub.coordinator({ settleMs: 5 }) } }))
    for (const tab of tabs) await within(tab.container).findByRole('heading', { name: 'Your profile' })

    await pass(8 * MINUTE + 30_000, mockControl)
    const dialogs = await Promise.all(tabs.map((tab) => within(tab.container).findByRole('alertdialog')))
    const before = await mockControl.stats()
    within(dialogs[1]!).getByRole('button', { name: 'Stay signed in' }).click()

    await waitFor(() => expect(screen.queryAllByRole('alertdialog')).toEqual([]))
    expect((await mockControl.stats()).refreshCalls - before.refreshCalls).toBe(1)
  })

  it('an absolute end that a refresh cannot move is told as such: "save your work", OK or Sign out; Escape is OK', async () => {
    await mockControl.configure({ refreshTtlMs: 10 * MINUTE })
    await signInOutsideTheApp()
    renderApp({ route: '/profile' })
    await screen.findByRole('heading', { name: 'Your profile' })
    await pass(8 * MINUTE + 30_000, mockControl)

    const dialog = await screen.findByRole('alertdialog', { name: 'Your session is about to end' })
    within(dialog).getByRole('button', { name: 'Stay signed in' }).click()

    const final = await screen.findByRole('alertdialog', { name: 'Your session cannot be extended' })
    expect(final).toHaveAccessibleDescription(/Your session will end at \d{1,2}:\d\d.* — save your work/)
    expect(within(final).getAllByRole('button').map((b) => b.textContent)).toEqual(['OK', 'Sign out'])
    expect(within(final).getByRole('button', { name: 'OK' })).toHaveFocus()
    act(() => void within(final).getByRole('button', { name: 'OK' }).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })))
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull())

    // At the end itself one refresh asks; refused, the login page says the session ended, without a click.
    await pass(2 * MINUTE, mockControl)
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument()
    expect(screen.getByText('Your session has ended — please log in again')).toBeInTheDocument()
  })

  it('"Sign out" logs out (the server hears it) and shows the login page; Escape in the warning means stay', async () => {
    await mockControl.configure({ idleTtlMs: 10 * MINUTE })
    await signInOutsideTheApp()
    renderApp({ route: '/profile' })
    await screen.findByRole('heading', { name: 'Your profile' })
    await pass(8 * MINUTE + 30_000, mockControl)

    let dialog = await screen.findByRole('alertdialog')
    const before = await mockControl.stats()
    act(() => void dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })))
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull())
    expect((await mockControl.stats()).refreshCalls - before.refreshCalls).toBe(1)

    await pass(8 * MINUTE + 30_000, mockControl)
    dialog = await screen.findByRole('alertdialog')
    within(dialog).getByRole('button', { name: 'Sign out' }).click()
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument()
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(await mockControl.stats()).toMatchObject({ familiesRevoked: before.familiesRevoked + 1 })
    // The person signed out here, in this dialog: never "in another tab".
    expect(screen.queryByText('You signed out in another tab.')).toBeNull()
  })

  it('"Sign out" when the server cannot be told says so (signed out on this device), never "in another tab"', async () => {
    await mockControl.configure({ idleTtlMs: 10 * MINUTE })
    await signInOutsideTheApp()
    renderApp({ route: '/profile' })
    await screen.findByRole('heading', { name: 'Your profile' })
    await pass(8 * MINUTE + 30_000, mockControl)
    const dialog = await screen.findByRole('alertdialog')
    await mockControl.failNext('logout', 'network')

    within(dialog).getByRole('button', { name: 'Sign out' }).click()

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument()
    expect(await screen.findByRole('alert')).toHaveTextContent("We couldn't reach the server. You're signed out on this device; we'll finish signing you out when the connection is back.")
    expect(screen.queryByText('You signed out in another tab.')).toBeNull()
  })
})
