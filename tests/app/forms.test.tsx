// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react'
import { delay, http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useMockServer } from '../../mocks/testing'
import { renderApp, signInOutsideTheApp } from '../support/render-app'
import { WHOLE_APP_TIMEOUT_MS } from '../support/timeouts'

// Renders the whole app: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: WHOLE_APP_TIMEOUT_MS })

async function openBoard() {
  await signInOutsideTheApp()
  const app = renderApp({ route: '/board' })
  await screen.findByText('Welcome to the board')
  return app
}

describe('forms while sending, and their errors in words', () => {
  const { mockControl, server } = useMockServer()
  afterEach(() => {
    cleanup()
    sessionStorage.clear()
  })

  it('keeps the fields read-only while a post is pending, so nothing typed meanwhile is lost', async () => {
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    // Hold the post until the test has tried to type; then the mock's own handler answers.
    server.use(
      http.post('*/api/posts', async () => {
        await held
      }, { once: true }),
    )
    const { user } = await openBoard()
    await user.type(screen.getByLabelText('Title'), 'First')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    expect(await screen.findByRole('button', { name: 'Posting…' })).toHaveAttribute('aria-disabled', 'true')
    expect(screen.getByLabelText('Title')).toHaveAttribute('readonly')
    expect(screen.getByLabelText('Text')).toHaveAttribute('readonly')
    await user.type(screen.getByLabelText('Text'), 'typed while posting')
    expect(screen.getByLabelText('Text')).toHaveValue('')
    release()
    expect(await screen.findByText('Posted.')).toBeInTheDocument()
    expect(screen.getByLabelText('Title')).not.toHaveAttribute('readonly')
    await user.type(screen.getByLabelText('Text'), 'typed after')
    expect(screen.getByLabelText('Text')).toHaveValue('typed after')
    expect((await mockControl.stats()).postsCreated).toBe(1)
  })

  it('counts characters against the contract’s limits as the person types', async () => {
    const { user } = await openBoard()
    expect(screen.getByLabelText('Title')).toHaveAttribute('maxlength', '200')
    expect(screen.getByLabelText('Text')).toHaveAttribute('maxlength', '10000')
    await user.type(screen.getByLabelText('Title'), 'Hello')
    expect(screen.getByText('5 of 200 characters')).toBeInTheDocument()
    expect(screen.getByLabelText('Text')).toHaveAccessibleDescription('0 of 10,000 characters')
    await user.type(screen.getByLabelText('Title'), 'x'.repeat(190))
    expect(screen.getByText('5 characters left')).toBeInTheDocument()
  })

  it('shows the server’s reason for a 400', async () => {
    server.use(
      http.post('*/api/posts', () => HttpResponse.json({ error: 'invalid_request', message: 'title must be at most 200 characters' }, { status: 400 }), {
        once: true,
      }),
    )
    const { user } = await openBoard()
    await user.type(screen.getByLabelText('Title'), 'Refused')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('The server did not accept this: title must be at most 200 characters')
  })

  it.each([
    [500, 'internal_error'],
    [502, 'bad_gateway'],
    [503, 'unavailable'],
  ])('says the server is having trouble for a %i, not that the post was wrong', async (status, error) => {
    server.use(http.post('*/api/posts', () => HttpResponse.json({ error }, { status }), { once: true }))
    const { user } = await openBoard()
    await user.type(screen.getByLabelText('Title'), 'Kept')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('The server is having trouble right now — this is not something you did. Your draft is kept. Post it again in a moment.')
    expect(alert).not.toHaveTextContent(/check it/i)
    expect(screen.getByLabelText('Title')).toHaveValue('Kept')
  })

  it('says a proxy’s 502 with an HTML body the same way', async () => {
    server.use(http.post('*/api/posts', () => new HttpResponse('<html>Bad Gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }), { once: true }))
    const { user } = await openBoard()
    await user.type(screen.getByLabelText('Title'), 'Behind a proxy')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('The server is having trouble right now')
  })

  it('tells a rate limit as a wait in words', async () => {
    server.use(
      http.post('*/api/posts', () => HttpResponse.json({ error: 'too_many_requests' }, { status: 429, headers: { 'Retry-After': '896' } }), { once: true }),
    )
    const { user } = await openBoard()
    await user.type(screen.getByLabelText('Title'), 'Too fast')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in about 15 minutes.')
  })

  it('says it cannot reach the server when the network fails, and that the draft is kept', async () => {
    const { user } = await openBoard()
    await mockControl.failNext('posts', 'network')
    await user.type(screen.getByLabelText('Title'), 'Offline thought')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    expect(await screen.findByRole('alert')).toHaveTextContent("Can't reach the server. Your draft is kept. Check your connection; post it again in a moment.")
  })

  it('shows a signup refused with the server’s reason', async () => {
    server.use(
      http.post('*/api/auth/signup', async () => {
        await delay(0)
        return HttpResponse.json({ error: 'invalid_request', message: 'name must be at most 100 characters' }, { status: 400 })
      }, { once: true }),
    )
    const { user } = renderApp({ route: '/signup' })
    await user.type(await screen.findByLabelText('Name'), 'Ada')
    await user.type(screen.getByLabelText('Email'), 'ada@example.com')
    await user.type(screen.getByLabelText('Password', { exact: false }), 'long-enough-1')
    await user.click(screen.getByRole('button', { name: 'Sign up' }))
    const alert = await screen.findByRole('alert')
    expect(within(alert).getByText(/name must be at most 100 characters/)).toBeInTheDocument()
  })
})
