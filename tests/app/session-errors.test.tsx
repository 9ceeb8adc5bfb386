// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER } from '../../mocks'
import { useMockServer } from '../../mocks/testing'
import { renderApp, signInOutsideTheApp } from '../support/render-app'
import { watchForLoginForm } from '../support/login-form'
import { network } from '../support/network'
import { movableClock } from 'silent-refresh/testing'
import { WHOLE_APP_TIMEOUT_MS } from '../support/timeouts'

// Renders the whole app: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: WHOLE_APP_TIMEOUT_MS })

const HOUR = 60 * 60 * 1000

describe('when the server cannot be reached', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })
  afterEach(cleanup)

  it('keeps the splash at start-up with a retry, never the login form', async () => {
    await signInOutsideTheApp()
    await mockControl.failNext('refresh', 'network', 2) // the client's quick retry fails too
    const watcher = watchForLoginForm()
    const { user } = renderApp({ route: '/profile' })
    expect(await screen.findByRole('alert')).toHaveTextContent("Can't reach the server.")
    await user.click(screen.getByRole('button', { name: 'Retry' }))
    expect(await screen.findByText(DEMO_USER.email)).toBeInTheDocument()
    expect(watcher.seen()).toBe(false)
    watcher.stop()
  })

  it('says so with a retry button while in use, and keeps the session', async () => {
    await signInOutsideTheApp()
    const clock = movableClock()
    const { user, path } = renderApp({ route: '/profile', clientOptions: { now: clock.now } })
    await screen.findByText(DEMO_USER.email)

    await mockControl.advanceClock(HOUR + 1000)
    await mockControl.failNext('refresh', 500, 2) // the client's quick retry fails too
    await user.click(screen.getByRole('link', { name: 'Board' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('The server is having trouble right now — this is not something you did.')
    expect(path()).toBe('/board')
    expect(screen.getByRole('banner')).toHaveTextContent(DEMO_USER.name)

    clock.advance(2_000) // past the client's first backoff step
    await user.click(screen.getByRole('button', { name: 'Retry' }))
    expect(await screen.findByText('Welcome to the board')).toBeInTheDocument()
    expect(path()).toBe('/board')
    const stats = await mockControl.stats()
    expect(stats.familiesRevoked).toBe(0)
    expect(stats.logins).toBe(1)
  })

  it('shows a failed load and its retry', async () => {
    await signInOutsideTheApp()
    await mockControl.failNext('me', 500)
    const { user } = renderApp({ route: '/profile' })
    expect(await screen.findByRole('alert')).toHaveTextContent('The server is having trouble right now')
    await user.click(screen.getByRole('button', { name: 'Retry' }))
    expect(await screen.findByText(DEMO_USER.email)).toBeInTheDocument()
  })
})

describe('when the browser is offline at start-up', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })
  const net = network()
  beforeEach(() => net.install())
  afterEach(async () => {
    await net.goOnline()
    cleanup()
    net.restore()
  })

  it('waits on the splash, asks nothing, and restores by itself when the connection returns; never the login form', async () => {
    await signInOutsideTheApp()
    await net.goOffline()
    const watcher = watchForLoginForm()
    renderApp({ route: '/profile' })
    expect(await screen.findByRole('alert')).toHaveTextContent('You are offline. Your session will be restored by itself as soon as the connection is back.')
    expect((await mockControl.stats()).refreshCalls).toBe(0)

    await net.goOnline()

    expect(await screen.findByText(DEMO_USER.email)).toBeInTheDocument()
    expect(watcher.seen()).toBe(false)
    watcher.stop()
    expect((await mockControl.stats()).refreshCalls).toBe(1)
  })
})
