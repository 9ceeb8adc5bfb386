// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useMockServer } from '../../mocks/testing'
import { renderApp, signInOutsideTheApp } from '../support/render-app'

function refreshRow(label: string) {
  const row = screen.getByRole('row', { name: new RegExp(`^${label}`) })
  const [ran, ok, failed] = within(row).getAllByRole('cell').map((cell) => Number(cell.textContent))
  return { ran, ok, failed }
}

describe('the session inspector (mock mode)', () => {
  const { mockControl } = useMockServer()
  beforeEach(() => {
    window.__mock = mockControl
  })
  afterEach(() => {
    cleanup()
    delete window.__mock
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
})
