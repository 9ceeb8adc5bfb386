// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER } from '../../mocks'
import { useMockServer } from '../../mocks/testing'
import { renderApp } from '../support/render-app'
import { WHOLE_APP_TIMEOUT_MS } from '../support/timeouts'

// Renders the whole app: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: WHOLE_APP_TIMEOUT_MS })

describe('signing up', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })
  afterEach(cleanup)

  it('creates the account and signs the person in at once', async () => {
    const { user, path } = renderApp({ route: '/signup' })
    await user.type(await screen.findByLabelText('Name'), 'Ada Lovelace')
    await user.type(screen.getByLabelText('Email'), 'ada@example.com')
    await user.type(screen.getByLabelText('Password', { exact: false }), 'analytical-engine')
    await user.click(screen.getByRole('button', { name: 'Sign up' }))
    expect(await screen.findByRole('heading', { name: 'Your profile' })).toBeInTheDocument()
    expect(await screen.findByText('ada@example.com')).toBeInTheDocument()
    expect(screen.getByRole('banner')).toHaveTextContent('Ada Lovelace')
    expect(path()).toBe('/profile')
    expect((await mockControl.stats()).logins).toBe(1)
  })

  it('says when the email is already taken', async () => {
    const { user, path } = renderApp({ route: '/signup' })
    await user.type(await screen.findByLabelText('Name'), 'Someone')
    await user.type(screen.getByLabelText('Email'), DEMO_USER.email.toUpperCase())
    await user.type(screen.getByLabelText('Password', { exact: false }), 'long-enough')
    await user.click(screen.getByRole('button', { name: 'Sign up' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('An account with that email already exists')
    expect(path()).toBe('/signup')
  })

  it('checks the contract’s rules before asking the server', async () => {
    const { user } = renderApp({ route: '/signup' })
    await user.type(await screen.findByLabelText('Name'), 'x'.repeat(101))
    await user.type(screen.getByLabelText('Email'), 'ada@')
    await user.type(screen.getByLabelText('Password', { exact: false }), 'short')
    await user.click(screen.getByRole('button', { name: 'Sign up' }))
    // The name field stops at the contract's 100 characters and says so.
    expect(screen.getByLabelText('Name')).toHaveValue('x'.repeat(100))
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('100 of 100 characters')
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(/valid email address/)
    expect(screen.getByLabelText('Password', { exact: false })).toHaveAccessibleDescription(/at least 8 characters/)
    expect((await mockControl.stats()).requestsByEndpoint.signup).toBe(0)
  })

  it('keeps returnTo on the way between login and signup', async () => {
    const { user, path } = renderApp({ route: '/login?returnTo=%2Fboard' })
    await user.click(await screen.findByRole('link', { name: 'Create an account' }))
    expect(path()).toBe('/signup?returnTo=%2Fboard')
    await user.type(screen.getByLabelText('Name'), 'Grace')
    await user.type(screen.getByLabelText('Email'), 'grace@example.com')
    await user.type(screen.getByLabelText('Password', { exact: false }), 'cobol-1959')
    await user.click(screen.getByRole('button', { name: 'Sign up' }))
    expect(await screen.findByRole('heading', { name: 'Board' })).toBeInTheDocument()
    expect(path()).toBe('/board')
  })
})
