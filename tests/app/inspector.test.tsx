// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useMockServer } from '../../mocks/testing'
import { renderApp, signInOutsideTheApp } from '../support/render-app'
import { WHOLE_APP_TIMEOUT_MS } from '../support/timeouts'

// Renders the whole app: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: WHOLE_APP_TIMEOUT_MS })

function refreshRow(label: string) {
  const row = screen.getByRole('row', { name: new RegExp(`^${label}`) })
  const [ran, ok, failed] = within(row).getAllByRole('cell').map((cell) => Number(cell.textContent))
  return { ran, ok, failed }
}

describe('the session inspector (mock mode)', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })
  beforeEach(() => {
    window.__mock = mockControl
  })
  afterEach(() => {
    cleanup()
    delete window.__mock
    sessionStorage.clear()
    vi.useRealTimers()
  })

  it('shows the session, a countdown to expiry and refreshes by reason, and drives the mock', async () => {
    await signInOutsideTheApp()
    const { user } = renderApp({ route: '/profile' })
    await screen.findByRole('heading', { name: 'Your profile' })
    await user.click(await screen.findByRole('button', { name: 'Session inspector' }))
    const panel = within(screen.getByRole('complementary', { name: 'Session inspector' }))

    expect(panel.getByText('authenticated')).toBeInTheDocument()
    expect(panel.getByText(/^(59:\d\d|1:00:00)$/)).toBeInTheDocument()
    expect(refreshRow('At start-up')).toEqual({ ran: 1, ok: 1, failed: 0 })

    await user.click(panel.getByRole('button', { name: 'Expire access token on server' }))
    expect(await panel.findByText('Done: access token expired on the server.')).toBeInTheDocument()
    await user.click(screen.getByRole('link', { name: 'Board' }))
    await screen.findByText('Welcome to the board')
    expect(refreshRow('After a 401')).toEqual({ ran: 1, ok: 1, failed: 0 })

    await user.click(panel.getByRole('button', { name: 'Short lifetimes (20 s access tokens)' }))
    expect(await panel.findByText('Done: access tokens now last 20 s.')).toBeInTheDocument()
    expect(await panel.findByText(/^0:(20|1\d)$/)).toBeInTheDocument()
    expect(refreshRow('Manual')).toEqual({ ran: 1, ok: 1, failed: 0 })

    await user.click(panel.getByRole('button', { name: 'Fail next refresh: 500' }))
    await panel.findByText('Done: next refresh fails with a 500.')
    await user.click(panel.getByRole('button', { name: 'End refresh family' }))
    await panel.findByText('Done: refresh family ended.')
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 3, refreshFailures: 0 })
  })

  it('as a docked panel, closes with Escape and gives focus back to its toggle', async () => {
    await signInOutsideTheApp()
    const { user } = renderApp({ route: '/profile' })
    await screen.findByRole('heading', { name: 'Your profile' })
    const toggle = await screen.findByRole('button', { name: 'Session inspector' })
    await user.click(toggle)
    expect(document.documentElement).toHaveClass('inspector-open')
    const panel = screen.getByRole('complementary', { name: 'Session inspector' })
    await user.click(within(panel).getByRole('button', { name: 'Fail next refresh: network' }))
    await user.keyboard('{Escape}')
    expect(panel).not.toBeVisible()
    expect(toggle).toHaveFocus()
    expect(toggle).toHaveAttribute('aria-expanded', 'false')
    expect(document.documentElement).not.toHaveClass('inspector-open')
  })

  it('shows each action’s effect at once: server-side expiry, the family, the clock, live counters', async () => {
    // The panel reads the server's counters every second: that second is fake time here, moved by the test.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    await signInOutsideTheApp()
    const { user } = renderApp({ route: '/board' })
    await screen.findByText('Welcome to the board')
    await user.click(await screen.findByRole('button', { name: 'Session inspector' }))
    const panel = within(screen.getByRole('complementary', { name: 'Session inspector' }))
    const value = (term: string) => panel.getByText(term, { selector: 'dt' }).nextElementSibling

    expect(value('Access token (server)')).toHaveTextContent('valid on the server')
    expect(value('Server clock')).toHaveTextContent('real time')
    await user.click(panel.getByRole('button', { name: 'Expire access token on server' }))
    expect(await panel.findByText(/^expired on the server: the next request gets a 401/)).toBeInTheDocument()
    expect(value('Server clock')).toHaveTextContent('+1 hour 1 second ahead')

    // A post made now carries the server's (moved) date, and says so.
    await user.type(screen.getByLabelText('Title'), 'After the clock moved')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    await screen.findByText('Posted.')
    expect(screen.getAllByText(/mock server clock \+1 hour 1 second/).length).toBeGreaterThan(0)
    // Counters follow by themselves (no "update" button): the post and the refresh after its 401.
    act(() => vi.advanceTimersByTime(1_000))
    await waitFor(() => expect(value('Posts created')).toHaveTextContent('1'))
    expect(panel.queryByRole('button', { name: /update server counters/i })).toBeNull()

    await user.click(panel.getByRole('button', { name: 'End refresh family' }))
    expect(await panel.findByText(/^expired on the server \(clock moved past its 14 days\)/)).toBeInTheDocument()
    expect(value('Server clock')).toHaveTextContent('+15 days 1 hour ahead')
  })
})
