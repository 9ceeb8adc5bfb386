// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router-dom'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RouteErrorBoundary } from '../../src/app/route-error-boundary'
import { useMockServer } from '../../mocks/testing'
import { logInWithForm, renderApp, signInOutsideTheApp } from '../support/render-app'
import { WHOLE_APP_TIMEOUT_MS } from '../support/timeouts'

// Renders the whole app: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: WHOLE_APP_TIMEOUT_MS })

function liveRegion() {
  return document.querySelector('[aria-live="polite"][aria-atomic="true"]')
}

describe('focus, titles and announcements', () => {
  useMockServer({ dpop: 'optional' })
  afterEach(() => {
    cleanup()
    sessionStorage.clear()
  })

  it('gives every page its own document title', async () => {
    const { user } = renderApp({ route: '/login' })
    await screen.findByRole('heading', { name: 'Log in' })
    await waitFor(() => expect(document.title).toBe('Log in · Silent refresh'))
    await user.click(screen.getByRole('link', { name: 'Create an account' }))
    await screen.findByRole('heading', { name: 'Create an account' })
    expect(document.title).toBe('Create an account · Silent refresh')
    cleanup()

    renderApp({ route: '/nowhere' })
    await screen.findByRole('heading', { name: 'Page not found' })
    expect(document.title).toBe('Page not found · Silent refresh')
  })

  it('after logging in, focuses the new page’s heading and announces it', async () => {
    const { user } = renderApp({ route: '/login' })
    await logInWithForm(user)
    const heading = await screen.findByRole('heading', { name: 'Your profile' })
    await waitFor(() => expect(heading).toHaveFocus())
    expect(document.title).toBe('Your profile · Silent refresh')
    // The announcement is a state update the focus effect schedules: it renders just after the focus.
    await waitFor(() => expect(liveRegion()).toHaveTextContent('Your profile · Silent refresh'))
  })

  it('after a wrong password, focuses the error', async () => {
    const { user } = renderApp({ route: '/login' })
    await logInWithForm(user, { password: 'not-the-password' })
    const alert = await screen.findByRole('alert')
    await waitFor(() => expect(alert).toHaveFocus())
    expect(document.activeElement).not.toBe(document.body)
  })

  it('moves focus to the heading of a page reached by a link', async () => {
    await signInOutsideTheApp()
    const { user } = renderApp({ route: '/profile' })
    await screen.findByRole('heading', { name: 'Your profile' })
    await user.click(screen.getByRole('link', { name: 'Board' }))
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Board', level: 1 })).toHaveFocus())
    expect(document.title).toBe('Board · Silent refresh')
  })

  it('keeps focus off <body> while posting and after', async () => {
    await signInOutsideTheApp()
    const { user } = renderApp({ route: '/board' })
    await screen.findByText('Welcome to the board')
    await user.type(screen.getByLabelText('Title'), 'Focus stays')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    expect(document.activeElement).not.toBe(document.body)
    await screen.findByText('Posted.')
    expect(screen.getByRole('button', { name: 'Post' })).toHaveFocus()
  })

  it('after logging out, focuses the login page’s heading', async () => {
    await signInOutsideTheApp()
    const { user } = renderApp({ route: '/profile' })
    await screen.findByRole('heading', { name: 'Your profile' })
    await user.click(screen.getByRole('button', { name: 'Log out' }))
    const heading = await screen.findByRole('heading', { name: 'Log in' })
    await waitFor(() => expect(heading).toHaveFocus())
    expect(document.title).toBe('Log in · Silent refresh')
  })
})

describe('the error boundary', () => {
  afterEach(cleanup)

  function Broken(): never {
    throw new Error('a screen failed')
  }

  it('shows a page with a way home instead of a blank page when a route throws', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    const user = userEvent.setup()
    function Boundary({ children }: { children: React.ReactNode }) {
      return <RouteErrorBoundary resetKey="fixed">{children}</RouteErrorBoundary>
    }
    render(
      <MemoryRouter initialEntries={['/broken']}>
        <Routes>
          <Route path="/" element={<h1>Start page</h1>} />
          <Route
            path="/broken"
            element={
              <Boundary>
                <Broken />
              </Boundary>
            }
          />
        </Routes>
      </MemoryRouter>,
    )
    expect(screen.getByRole('heading', { name: 'Something went wrong' })).toBeInTheDocument()
    expect(document.title).toBe('Something went wrong · Silent refresh')
    await user.click(screen.getByRole('link', { name: 'Go to the start page' }))
    expect(await screen.findByRole('heading', { name: 'Start page' })).toBeInTheDocument()
    quiet.mockRestore()
  })
})
