// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react'
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
  const { mockControl, server } = useMockServer({ dpop: 'optional' })
  afterEach(() => {
    cleanup()
    sessionStorage.clear()
    localStorage.removeItem('ui-language')
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

  it("maps a server's refusal of a field to that field, in the app's own words and language, with focus on it", async () => {
    server.use(
      http.post('*/api/posts', () => HttpResponse.json({ error: 'invalid_request', message: 'Invalid request: title must be at most 200 characters' }, { status: 400 }), {
        once: true,
      }),
    )
    const { user } = await openBoard()
    await user.type(screen.getByLabelText('Title'), 'Refused')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    await waitFor(() => expect(screen.getByLabelText('Title')).toHaveFocus())
    expect(screen.getByLabelText('Title')).toHaveAccessibleDescription(/Use at most 200 characters for the title\./)
    expect(screen.getByLabelText('Title')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.queryByText(/Invalid request/)).toBeNull()
  })

  it("shows a refusal it cannot place at a field in an alert: the server's reason in English, left out in Korean", async () => {
    const refuse = () =>
      server.use(http.post('*/api/posts', () => HttpResponse.json({ error: 'invalid_request', message: 'Titles like that are not allowed.' }, { status: 400 }), { once: true }))
    refuse()
    const { user } = await openBoard()
    await user.type(screen.getByLabelText('Title'), 'Refused')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('The server did not accept this: Titles like that are not allowed.')
    // The message is kept as words to render, not as a string: the language switch re-words it.
    await user.selectOptions(screen.getByLabelText('Language'), 'ko')
    expect(await screen.findByRole('alert')).toHaveTextContent('서버가 요청을 받아들이지 않았습니다. 확인하고 다시 시도해 주세요.')
    expect(screen.getByRole('alert')).not.toHaveTextContent('Titles like that')
  })

  it.each([
    [500, 'internal_error'],
    [502, 'bad_gateway'],
    [503, 'unavailable'],
  ])('a %i: the post waits in the list (the server is in trouble, not the post), the form is empty for the next one', async (status, error) => {
    server.use(http.post('*/api/posts', () => HttpResponse.json({ error }, { status }), { once: true }))
    const { user } = await openBoard()
    await user.type(screen.getByLabelText('Title'), 'Kept')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    const said = await screen.findByText(/^Your post is in the waiting list below/)
    expect(said).toHaveAttribute('role', 'status')
    expect(said).toHaveTextContent('The server is having trouble — will try again by itself in 2 seconds.')
    expect(screen.queryByRole('alert')).toBeNull()
    expect(within(screen.getByRole('list', { name: 'Waiting to send' })).getByRole('listitem')).toHaveTextContent('Kept')
    expect(screen.getByLabelText('Title')).toHaveValue('')
  })

  it('says a proxy’s 502 with an HTML body the same way', async () => {
    server.use(http.post('*/api/posts', () => new HttpResponse('<html>Bad Gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }), { once: true }))
    const { user } = await openBoard()
    await user.type(screen.getByLabelText('Title'), 'Behind a proxy')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    expect(await screen.findByText(/^Your post is in the waiting list below/)).toHaveTextContent('The server is having trouble')
  })

  it('tells a long rate limit as a wait in words (too long to wait for by itself)', async () => {
    server.use(
      http.post('*/api/posts', () => HttpResponse.json({ error: 'too_many_requests' }, { status: 429, headers: { 'Retry-After': '896' } }), { once: true }),
    )
    const { user } = await openBoard()
    await user.type(screen.getByLabelText('Title'), 'Too fast')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    expect(await screen.findByText(/^Your post is in the waiting list below/)).toHaveTextContent('Too many attempts. Try again in about 15 minutes.')
  })

  it('says it cannot reach the server when the network fails; the post waits in the list', async () => {
    const { user } = await openBoard()
    await mockControl.failNext('posts', 'network')
    await user.type(screen.getByLabelText('Title'), 'Offline thought')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    expect(await screen.findByText(/^Your post is in the waiting list below/)).toHaveTextContent("Can't reach the server — will try again by itself in 2 seconds.")
  })

  it("shows a signup's refused field at the field, in the app's words", async () => {
    server.use(
      http.post('*/api/auth/signup', async () => {
        await delay(0)
        return HttpResponse.json({ error: 'invalid_request', message: 'Invalid request: name must be at most 100 characters' }, { status: 400 })
      }, { once: true }),
    )
    const { user } = renderApp({ route: '/signup' })
    await user.type(await screen.findByLabelText('Name'), 'Ada')
    await user.type(screen.getByLabelText('Email'), 'ada@example.com')
    await user.type(screen.getByLabelText('Password', { exact: false }), 'long-enough-1')
    await user.click(screen.getByRole('button', { name: 'Sign up' }))
    await waitFor(() => expect(screen.getByLabelText('Name')).toHaveFocus())
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(/Use at most 100 characters for your name\./)
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it("checks an email's length (the contract's 254) before sending, in Korean too", async () => {
    localStorage.setItem('ui-language', 'ko')
    const { user } = renderApp({ route: '/login' })
    await user.type(await screen.findByLabelText('이메일'), `${'a'.repeat(243)}@example.com`)
    await user.type(screen.getByLabelText('비밀번호'), 'demo-pass-123')
    await user.click(screen.getByRole('button', { name: '로그인' }))
    await waitFor(() => expect(screen.getByLabelText('이메일')).toHaveFocus())
    expect(screen.getByLabelText('이메일')).toHaveAccessibleDescription('이메일 주소는 254자 이하로 입력해 주세요.')
    expect((await mockControl.stats()).requestsByEndpoint.login).toBe(0)
    localStorage.removeItem('ui-language')
  })
})
