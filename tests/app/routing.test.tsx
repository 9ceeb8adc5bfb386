// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER } from '../../mocks'
import { useMockServer } from '../../mocks/testing'
import { logInWithForm, renderApp, signInOutsideTheApp } from '../support/render-app'
import { watchForLoginForm } from '../support/login-form'
import { WHOLE_APP_TIMEOUT_MS } from '../support/timeouts'

// Renders the whole app: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: WHOLE_APP_TIMEOUT_MS })

describe('routes and the session', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })
  afterEach(cleanup)

  it('sends an anonymous visitor to log in, then back to the page they asked for', async () => {
    const { user, path } = renderApp({ route: '/board?sort=new' })
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument()
    expect(path()).toBe('/login?returnTo=%2Fboard%3Fsort%3Dnew')
    await logInWithForm(user)
    expect(await screen.findByRole('heading', { name: 'Board' })).toBeInTheDocument()
    expect(path()).toBe('/board?sort=new')
  })

  it('restores the session at start-up from the cookie, with no login form ever rendered', async () => {
    await signInOutsideTheApp()
    const watcher = watchForLoginForm()
    const { path } = renderApp({ route: '/board' })
    // From the first render on: the splash, never the login page.
    expect(screen.getByRole('status')).toHaveTextContent('Restoring your session…')
    expect(await screen.findByRole('heading', { name: 'Board' })).toBeInTheDocument()
    expect(await screen.findByText('Welcome to the board')).toBeInTheDocument()
    expect(watcher.seen()).toBe(false)
    watcher.stop()
    expect(path()).toBe('/board')
    expect(screen.getByRole('banner')).toHaveTextContent(DEMO_USER.name)
    // StrictMode runs effects twice; the app still restores with one refresh.
    expect((await mockControl.stats()).refreshCalls).toBe(1)
  })

  it('does not show the login page to someone whose cookie is valid, even at /login', async () => {
    await signInOutsideTheApp()
    const watcher = watchForLoginForm()
    const { path } = renderApp({ route: '/login?returnTo=%2Fboard' })
    expect(await screen.findByRole('heading', { name: 'Board' })).toBeInTheDocument()
    expect(path()).toBe('/board')
    expect(watcher.seen()).toBe(false)
    watcher.stop()
  })

  it('starts at the profile when signed in, at the login page when not', async () => {
    const watcher = watchForLoginForm()
    const anonymous = renderApp({ route: '/' })
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument()
    expect(anonymous.path()).toBe('/login')
    // The watcher the restore tests rely on does see a login form.
    expect(watcher.seen()).toBe(true)
    watcher.stop()
    cleanup()

    await signInOutsideTheApp()
    const signedIn = renderApp({ route: '/' })
    expect(await screen.findByRole('heading', { name: 'Your profile' })).toBeInTheDocument()
    expect(signedIn.path()).toBe('/profile')
  })

  it('shows a page for unknown addresses', async () => {
    renderApp({ route: '/nowhere' })
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument()
  })
})

describe('returnTo after logging in', () => {
  useMockServer({ dpop: 'optional' })
  afterEach(cleanup)

  it('refuses an open redirect typed into the login form', async () => {
    const { user, path } = renderApp({ route: `/login?returnTo=${encodeURIComponent('//evil.com/board')}` })
    await logInWithForm(user)
    expect(await screen.findByRole('heading', { name: 'Your profile' })).toBeInTheDocument()
    expect(path()).toBe('/profile')
  })

  it.each([
    'https://evil.com',
    'http://evil.com/board',
    '//evil.com',
    '/\\evil.com',
    '\\\\evil.com',
    'javascript:alert(document.domain)',
    '%2F%2Fevil.com',
    '/%2Fevil.com',
    '%252F%252Fevil.com',
    '/%5Cevil.com',
    '/\t/evil.com',
    'data:text/html,<script>alert(1)</script>',
  ])('goes to the profile instead of %j', async (returnTo) => {
    await signInOutsideTheApp()
    const { path } = renderApp({ route: `/login?returnTo=${encodeURIComponent(returnTo)}` })
    expect(await screen.findByRole('heading', { name: 'Your profile' })).toBeInTheDocument()
    expect(path()).toBe('/profile')
  })
})
