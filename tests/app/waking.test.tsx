// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER } from '../../mocks'
import { useMockServer } from '../../mocks/testing'
import { renderApp, signInOutsideTheApp } from '../support/render-app'
import { movableClock } from 'silent-refresh/testing'
import { WHOLE_APP_TIMEOUT_MS } from '../support/timeouts'

// Renders the whole app: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: WHOLE_APP_TIMEOUT_MS })

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

/** The laptop lid: the page is hidden, time passes on both clocks, the page is shown again. */
async function sleep(ms: number, clock: ReturnType<typeof movableClock>, mockControl: { advanceClock(ms: number): Promise<unknown> }) {
  await mockControl.advanceClock(ms)
  clock.advance(ms)
  act(() => void document.dispatchEvent(new Event('visibilitychange')))
}

describe('the app wakes up with the session checked', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })
  afterEach(() => {
    cleanup()
    localStorage.clear()
  })

  it('after a 2 h sleep: one refresh on waking, before any click; the next page then needs none', async () => {
    await signInOutsideTheApp()
    const clock = movableClock()
    const { user, path } = renderApp({ route: '/profile', clientOptions: { now: clock.now } })
    await screen.findByText(DEMO_USER.email)
    const before = await mockControl.stats()

    await sleep(2 * HOUR, clock, mockControl)

    await expect.poll(async () => (await mockControl.stats()).refreshCalls).toBe(before.refreshCalls + 1)
    await user.click(screen.getByRole('link', { name: 'Board' }))
    expect(await screen.findByText('Welcome to the board')).toBeInTheDocument()
    expect(path()).toBe('/board')
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: before.refreshCalls + 1, familiesRevoked: 0 })
  })

  it('the login ended during a 15-day sleep: the login page says so without a click', async () => {
    await signInOutsideTheApp()
    const clock = movableClock()
    renderApp({ route: '/profile', clientOptions: { now: clock.now } })
    await screen.findByText(DEMO_USER.email)

    await sleep(15 * DAY, clock, mockControl)

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument()
    expect(screen.getByText('Your session has ended — please log in again')).toBeInTheDocument()
  })

  it('a logout the server never heard is finished at the next start: the cookie restores nothing', async () => {
    await signInOutsideTheApp()
    const { user } = renderApp({ route: '/profile' })
    await screen.findByText(DEMO_USER.email)
    await mockControl.failNext('logout', 'network')
    await user.click(screen.getByRole('button', { name: 'Log out' }))
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument()
    const before = await mockControl.stats()
    expect(before.familiesRevoked).toBe(0)

    cleanup()
    const next = renderApp({ route: '/profile' })
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument()
    expect(next.path()).toBe('/login?returnTo=%2Fprofile')
    expect(await mockControl.stats()).toMatchObject({ familiesRevoked: 1, refreshCalls: before.refreshCalls })
    expect(localStorage.getItem('auth:pending-logout')).toBeNull()
  })
})
