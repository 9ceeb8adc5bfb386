// @vitest-environment jsdom
import { cleanup, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER } from '../../../mocks'
import { useMockServer } from '../../../mocks/testing'
import { renderApp, signInOutsideTheApp } from '../../../tests/support/render-app'
import { createFakeTabs } from 'silent-refresh/testing'
import { WHOLE_APP_TIMEOUT_MS } from '../../../tests/support/timeouts'

// Renders the whole app twice (two tabs): a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: WHOLE_APP_TIMEOUT_MS })

/** Two tabs of the app: each a full app (StrictMode, its own Recoil root and client) in its own container, sharing fake tabs. */
function openTwoTabs(routes: [string, string]) {
  const hub = createFakeTabs()
  const open = (route: string) => {
    const app = renderApp({ route, clientOptions: { coordinator: hub.coordinator() } })
    return { ...app, screen: within(app.container) }
  }
  return [open(routes[0]), open(routes[1])] as const
}

describe('the app follows its other tabs', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })
  afterEach(cleanup)

  it('a login in one tab takes the other off its login page to where it was going; a logout sends it back', async () => {
    const [a, b] = openTwoTabs(['/login', '/board'])
    await a.screen.findByRole('heading', { name: 'Log in' })
    await b.screen.findByRole('heading', { name: 'Log in' })
    expect(b.path()).toBe('/login?returnTo=%2Fboard')
    const before = await mockControl.stats()

    // The first tab's form is the document's first: its labels name its own fields.
    await a.user.type(a.screen.getByLabelText('Email'), DEMO_USER.email)
    await a.user.type(a.screen.getByLabelText('Password'), DEMO_USER.password)
    await a.user.click(a.screen.getByRole('button', { name: 'Log in' }))

    expect(await b.screen.findByText('Welcome to the board')).toBeInTheDocument()
    expect(b.path()).toBe('/board')
    expect(b.screen.getByRole('banner')).toHaveTextContent(DEMO_USER.name)
    expect(a.path()).toBe('/profile')
    // The other tab took the token over the channel: no refresh of its own.
    expect((await mockControl.stats()).refreshCalls).toBe(before.refreshCalls)

    await a.user.click(a.screen.getByRole('button', { name: 'Log out' }))

    expect(await b.screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument()
    expect(b.path()).toBe('/login?returnTo=%2Fboard')
    expect(b.screen.queryByText('Your session has ended — please log in again')).not.toBeInTheDocument()
    expect((await mockControl.stats()).requestsByEndpoint.logout).toBe(1)
  })

  it('a session that ends in one tab ends in the other, which says so', async () => {
    await signInOutsideTheApp()
    const [a, b] = openTwoTabs(['/profile', '/profile'])
    await a.screen.findByText(DEMO_USER.email)
    await b.screen.findByText(DEMO_USER.email)
    await mockControl.advanceClock(3_600_000 + 1_000)
    await mockControl.failNext('refresh', 401)

    await a.user.click(within(a.screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Board' }))

    expect(await a.screen.findByText('Your session has ended — please log in again')).toBeInTheDocument()
    expect(await b.screen.findByText('Your session has ended — please log in again')).toBeInTheDocument()
    expect(b.path()).toBe('/login?returnTo=%2Fprofile')
    expect(await mockControl.stats()).toMatchObject({ refreshFailures: 1 })
  })
})
