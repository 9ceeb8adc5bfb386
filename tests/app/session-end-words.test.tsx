// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER } from '../../mocks'
import { useMockServer } from '../../mocks/testing'
import { createFakeTabs } from 'silent-refresh/testing'
import { logInWithForm, renderApp, signInOutsideTheApp } from '../support/render-app'
import { WHOLE_APP_TIMEOUT_MS } from '../support/timeouts'

// Renders the whole app: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: WHOLE_APP_TIMEOUT_MS })

const DAY = 24 * 60 * 60 * 1000

/** The one draft this tab keeps (under the signed-in user's id). */
function storedDraft(): { title: string; key?: string } {
  const keys = Object.keys(sessionStorage).filter((key) => key.startsWith('board-draft:'))
  expect(keys).toHaveLength(1)
  return JSON.parse(sessionStorage.getItem(keys[0]!)!) as { title: string; key?: string }
}

describe('the login page says how the session ended', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })
  afterEach(() => {
    cleanup()
    sessionStorage.clear()
  })

  it('a post clicked as the session ends is not sent, is kept, and comes back after logging in with its key', async () => {
    await signInOutsideTheApp()
    const { user, path } = renderApp({ route: '/board' })
    await screen.findByText('Welcome to the board')
    await user.type(screen.getByLabelText('Title'), 'Unsent thought')
    await mockControl.advanceClock(15 * DAY)
    await user.click(screen.getByRole('button', { name: 'Post' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('Your session ended; your post was not sent — it is kept here. Log in again to post it.')
    expect(path()).toBe('/login?returnTo=%2Fboard')
    expect((await mockControl.stats()).postsCreated).toBe(0)
    const stored = storedDraft()
    expect(stored.title).toBe('Unsent thought')
    expect(stored.key).toMatch(/^[0-9a-f-]{36}$/)

    await logInWithForm(user)
    expect(await screen.findByRole('heading', { name: 'Board' })).toBeInTheDocument()
    expect(screen.getByLabelText('Title')).toHaveValue('Unsent thought')
    expect(storedDraft()).toMatchObject({ key: stored.key })
    // Nothing was queued for a session end: the person posts it themselves.
    expect(screen.queryByRole('list', { name: 'Waiting to send' })).not.toBeInTheDocument()
    expect((await mockControl.stats()).postsCreated).toBe(0)
  })

  it.each(['network', 500] as const)('a logout the server could not hear (%s): signed out here, and told that it will be finished later', async (kind) => {
    await signInOutsideTheApp()
    const { user, path } = renderApp({ route: '/profile' })
    await screen.findByText(DEMO_USER.email)
    await mockControl.failNext('logout', kind)
    await user.click(screen.getByRole('button', { name: 'Log out' }))

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument()
    expect(path()).toBe('/login')
    expect(screen.getByRole('alert')).toHaveTextContent(
      "We couldn't reach the server. You're signed out on this device; we'll finish signing you out when the connection is back.",
    )
    expect(screen.queryByText('You signed out in another tab.')).not.toBeInTheDocument()
  })

  it('a logout the server confirmed says nothing more', async () => {
    await signInOutsideTheApp()
    const { user } = renderApp({ route: '/profile' })
    await screen.findByText(DEMO_USER.email)
    await user.click(screen.getByRole('button', { name: 'Log out' }))
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(screen.queryByText('You signed out in another tab.')).not.toBeInTheDocument()
  })

  it('a logout in another tab: this one says so', async () => {
    await signInOutsideTheApp()
    const hub = createFakeTabs()
    const open = (route: string) => {
      const app = renderApp({ route, clientOptions: { coordinator: hub.coordinator() } })
      return { ...app, screen: within(app.container) }
    }
    const a = open('/profile')
    const b = open('/board')
    await a.screen.findByText(DEMO_USER.email)
    await b.screen.findByText('Welcome to the board')

    await a.user.click(a.screen.getByRole('button', { name: 'Log out' }))

    expect(await b.screen.findByText('You signed out in another tab.')).toBeInTheDocument()
    expect(b.path()).toBe('/login?returnTo=%2Fboard')
    expect(await a.screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument()
    expect(a.screen.queryByText('You signed out in another tab.')).not.toBeInTheDocument()
  })
})
