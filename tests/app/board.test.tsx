// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useMockServer } from '../../mocks/testing'
import { logInWithForm, renderApp, signInOutsideTheApp } from '../support/render-app'
import { WHOLE_APP_TIMEOUT_MS } from '../support/timeouts'

// Renders the whole app: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: WHOLE_APP_TIMEOUT_MS })

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

async function openBoard() {
  await signInOutsideTheApp()
  const app = renderApp({ route: '/board' })
  await screen.findByText('Welcome to the board')
  return app
}

function postList() {
  return within(screen.getByRole('list', { name: 'Posts' }))
}

describe('the board', () => {
  const { mockControl, server } = useMockServer({ dpop: 'optional' })
  afterEach(() => {
    cleanup()
    sessionStorage.clear()
  })

  it('lists posts newest first', async () => {
    await openBoard()
    const titles = postList().getAllByRole('heading', { level: 3 }).map((h) => h.textContent)
    expect(titles).toEqual(['Reuse detection', 'Try the clock', 'Welcome to the board'])
  })

  it('shows a post containing HTML as text, never as markup', async () => {
    const { user, container } = await openBoard()
    const html = '<img src=x onerror="window.__pwned=1"><b>bold</b>'
    await user.type(screen.getByLabelText('Title'), '<script>alert(1)</script>')
    await user.type(screen.getByLabelText('Text'), html)
    await user.click(screen.getByRole('button', { name: 'Post' }))
    const heading = await postList().findByRole('heading', { name: '<script>alert(1)</script>' })
    const article = heading.closest('article')!
    expect(article).toHaveTextContent(html)
    expect(container.querySelector('.posts img, .posts b, .posts script')).toBeNull()
  })

  it('posts exactly once when the access token expires on the server while the post is sent', async () => {
    const { user } = await openBoard()
    await mockControl.advanceClock(HOUR + 1000)
    await user.type(screen.getByLabelText('Title'), 'Written after lunch')
    await user.type(screen.getByLabelText('Text'), 'The token expired meanwhile.')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    expect(await screen.findByText('Posted.')).toBeInTheDocument()
    expect(postList().getAllByRole('heading', { level: 3 })[0]).toHaveTextContent('Written after lunch')
    const stats = await mockControl.stats()
    expect(stats.postsCreated).toBe(1)
    expect(stats.refreshCalls).toBe(2) // the start-up restore, then one after the 401
    expect(stats.familiesRevoked).toBe(0)
    expect(screen.getByLabelText('Title')).toHaveValue('')
  })

  it('checks the title before sending', async () => {
    const { user } = await openBoard()
    await user.type(screen.getByLabelText('Title'), '   ')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    expect(screen.getByLabelText('Title')).toHaveAccessibleDescription(/Give your post a title\.$/)
    // The contract's limit is told before sending: the field stops at 200 characters and says so.
    await user.clear(screen.getByLabelText('Title'))
    await user.type(screen.getByLabelText('Title'), 't'.repeat(201))
    expect(screen.getByLabelText('Title')).toHaveValue('t'.repeat(200))
    expect(screen.getByLabelText('Title')).toHaveAccessibleDescription(/^200 of 200 characters/)
    expect((await mockControl.stats()).postsCreated).toBe(0)
  })

  it('"Send now" on a waiting post resends it with the same Idempotency-Key, and a new post gets a new one', async () => {
    const keys: string[] = []
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST' && new URL(request.url).pathname === '/api/posts') keys.push(request.headers.get('idempotency-key') ?? 'none')
    })
    const { user } = await openBoard()
    await mockControl.failNext('posts', 'network')
    await user.type(screen.getByLabelText('Title'), 'Flaky network')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    expect(await screen.findByText(/^Your post is in the waiting list below/)).toHaveTextContent("Can't reach the server — will try again by itself")
    await user.click(within(screen.getByRole('list', { name: 'Waiting to send' })).getByRole('button', { name: 'Send now' }))
    expect(await screen.findByText('Posted.')).toBeInTheDocument()
    await user.type(screen.getByLabelText('Title'), 'Another one')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    await waitFor(() => expect(postList().getAllByRole('heading', { level: 3 })[0]).toHaveTextContent('Another one'))
    server.events.removeAllListeners()
    expect(keys).toHaveLength(3)
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(keys[1]).toBe(keys[0])
    expect(keys[2]).not.toBe(keys[0])
    expect((await mockControl.stats()).postsCreated).toBe(2)
  })

  it('says the session ended, and after logging in again brings back the page with the draft', async () => {
    const { user, path } = await openBoard()
    await user.type(screen.getByLabelText('Title'), 'A long thought')
    await user.type(screen.getByLabelText('Text'), 'Half written when the session ran out.')
    // Two weeks later: the access token and the refresh family have both expired on the server.
    await mockControl.advanceClock(15 * DAY)
    await user.click(screen.getByRole('button', { name: 'Post' }))

    // The post clicked as the session ended was not sent: the login page says so (issue 11/13's wording).
    expect(await screen.findByText('Your session ended; your post was not sent — it is kept here. Log in again to post it.')).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'Log in' })).toBeInTheDocument()
    expect(path()).toBe('/login?returnTo=%2Fboard')
    expect((await mockControl.stats()).postsCreated).toBe(0)

    await logInWithForm(user)
    expect(await screen.findByRole('heading', { name: 'Board' })).toBeInTheDocument()
    expect(path()).toBe('/board')
    expect(screen.getByLabelText('Title')).toHaveValue('A long thought')
    expect(screen.getByLabelText('Text')).toHaveValue('Half written when the session ran out.')

    await user.click(screen.getByRole('button', { name: 'Post' }))
    expect(await screen.findByText('Posted.')).toBeInTheDocument()
    expect((await mockControl.stats()).postsCreated).toBe(1)
    expect(Object.keys(sessionStorage).filter((key) => key.startsWith('board-draft'))).toEqual([])
  })

  it('keeps drafts and never tokens in web storage', async () => {
    const { user } = await openBoard()
    await user.type(screen.getByLabelText('Title'), 'Draft')
    // MSW keeps its own cookie jar (the refresh cookie) in localStorage: the mock's known limit, excepted by name.
    const stored = [...Object.entries(sessionStorage), ...Object.entries(localStorage)]
      .filter(([key]) => key !== '__msw-cookie-store__')
      .map(([key, value]) => `${key}=${value}`)
      .join('\n')
    expect(stored).toContain('Draft')
    expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+/) // no JWT of any kind
    expect(document.cookie).not.toMatch(/eyJ/)
  })
})
