// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER } from '../../mocks'
import { useMockServer } from '../../mocks/testing'
import { logInWithForm, renderApp } from '../support/render-app'
import { WHOLE_APP_TIMEOUT_MS } from '../support/timeouts'

// Renders the whole app: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: WHOLE_APP_TIMEOUT_MS })

describe('logging in', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })
  afterEach(cleanup)

  it('takes the demo user to their profile', async () => {
    const { user, path } = renderApp({ route: '/login' })
    await logInWithForm(user)
    expect(await screen.findByRole('heading', { name: 'Your profile' })).toBeInTheDocument()
    expect(await screen.findByText(DEMO_USER.email)).toBeInTheDocument()
    expect(path()).toBe('/profile')
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument()
  })

  it('says so when the email and password do not match', async () => {
    const { user, path } = renderApp({ route: '/login' })
    await logInWithForm(user, { password: 'wrong-password' })
    expect(await screen.findByRole('alert')).toHaveTextContent('That email and password do not match an account')
    expect(path()).toBe('/login')
    expect(screen.getByRole('button', { name: 'Log in' })).toBeEnabled()
  })

  it('tells how long to wait after too many attempts (Retry-After)', async () => {
    const { user } = renderApp({ route: '/login' })
    await screen.findByLabelText('Email')
    await user.type(screen.getByLabelText('Email'), DEMO_USER.email)
    for (let attempt = 1; attempt <= 5; attempt++) {
      await user.clear(screen.getByLabelText('Password'))
      await user.type(screen.getByLabelText('Password'), `wrong-${attempt}`)
      await user.click(screen.getByRole('button', { name: 'Log in' }))
      await screen.findByText(/do not match an account/)
    }
    // The sixth attempt is refused even with the right password.
    await user.clear(screen.getByLabelText('Password'))
    await user.type(screen.getByLabelText('Password'), DEMO_USER.password)
    await user.click(screen.getByRole('button', { name: 'Log in' }))
    // About 15 minutes, in words (not "896 seconds").
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Too many attempts\. Try again in about 1[45] minutes\.$/)
  })

  it('shows the wait the server asks for, in words', async () => {
    await mockControl.failNext('login', 429)
    const { user } = renderApp({ route: '/login' })
    await logInWithForm(user)
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in 1 second.')
  })

  it('checks the fields before asking the server', async () => {
    const { user } = renderApp({ route: '/login' })
    await user.click(await screen.findByRole('button', { name: 'Log in' }))
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter your email address.')
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.')
    await user.type(screen.getByLabelText('Email'), 'not-an-email')
    await user.type(screen.getByLabelText('Password'), 'whatever')
    await user.click(screen.getByRole('button', { name: 'Log in' }))
    expect(screen.getByLabelText('Email')).toBeInvalid()
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(/valid email address/)
    expect((await mockControl.stats()).requestsByEndpoint.login).toBe(0)
  })

  it('sends one login however fast the button is pressed, and shows it is working', async () => {
    await mockControl.configure({ latencyMs: 200 })
    const { user } = renderApp({ route: '/login' })
    await user.type(await screen.findByLabelText('Email'), DEMO_USER.email)
    await user.type(screen.getByLabelText('Password'), DEMO_USER.password)
    await user.dblClick(screen.getByRole('button', { name: 'Log in' }))
    expect(screen.getByRole('button', { name: 'Logging in…' })).toHaveAttribute('aria-disabled', 'true')
    // Focus stays on the button while it works (a disabled button would drop it to <body>).
    expect(screen.getByRole('button', { name: 'Logging in…' })).toHaveFocus()
    expect(screen.getByLabelText('Email')).toHaveAttribute('readonly')
    await user.click(screen.getByRole('button', { name: 'Logging in…' }))
    await screen.findByRole('heading', { name: 'Your profile' })
    await waitFor(async () => expect((await mockControl.stats()).requestsByEndpoint.login).toBe(1))
    expect((await mockControl.stats()).logins).toBe(1)
  })

  it('says when the server cannot be reached', async () => {
    await mockControl.failNext('login', 'network')
    const { user } = renderApp({ route: '/login' })
    await logInWithForm(user)
    expect(await screen.findByRole('alert')).toHaveTextContent("Can't reach the server")
  })
})
