// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useMockServer } from '../../mocks/testing'
import { network } from '../support/network'
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

const postList = () => within(screen.getByRole('list', { name: 'Posts' }))
const titlesOf = (title: string) => postList().queryAllByRole('heading', { level: 3, name: title })
const outbox = () => within(screen.getByRole('list', { name: 'Waiting to send' }))

describe('posting without a connection or a server', () => {
  const { mockControl, server } = useMockServer()
  const net = network()
  beforeEach(() => net.install())
  afterEach(async () => {
    vi.useRealTimers()
    await net.goOnline()
    cleanup()
    sessionStorage.clear()
  })
  afterEach(() => net.restore())

  it('says the app is offline in a polite status, and says nothing once back online', async () => {
    await openBoard()
    const status = document.querySelector('.offline-indicator')!
    expect(status).toHaveAttribute('aria-live', 'polite')
    expect(status).toHaveTextContent('')
    await net.goOffline()
    expect(status).toHaveTextContent("You're offline. What you post is kept and sent when the connection is back.")
    // Not an alert over the content: the page is still all there.
    expect(screen.getByRole('heading', { name: 'Board' })).toBeVisible()
    await net.goOnline()
    expect(status).toHaveTextContent('')
  })

  it('keeps a post made offline, visibly pending, and sends it once by itself when the connection returns', async () => {
    const keys: string[] = []
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST' && new URL(request.url).pathname === '/api/posts') keys.push(request.headers.get('idempotency-key') ?? 'none')
    })
    const { user } = await openBoard()
    const before = await mockControl.stats()
    await net.goOffline()
    await user.type(screen.getByLabelText('Title'), 'Written on the train')
    await user.click(screen.getByRole('button', { name: 'Post' }))

    expect(await screen.findByRole('alert')).toHaveTextContent("You're offline. Your post is kept: waiting to send — will post when you're back online.")
    expect(outbox().getByRole('listitem')).toHaveTextContent("Written on the train Waiting to send — will post when you're back online.")
    // A second click while offline sends nothing either, and queues nothing twice.
    await user.click(screen.getByRole('button', { name: 'Post' }))
    expect(outbox().getAllByRole('listitem')).toHaveLength(1)
    // Typing on while it waits: kept.
    await user.type(screen.getByLabelText('Text'), ' and more')
    let stats = await mockControl.stats()
    expect(stats.postsCreated).toBe(0)
    expect(stats.refreshCalls).toBe(before.refreshCalls)
    expect(keys).toEqual([])

    await net.goOnline()
    expect(await screen.findByText('Posted.')).toBeInTheDocument()
    expect(titlesOf('Written on the train')).toHaveLength(1)
    expect(screen.queryByRole('list', { name: 'Waiting to send' })).not.toBeInTheDocument()
    // The fields held newer text than what was sent: it stays.
    expect(screen.getByLabelText('Text')).toHaveValue(' and more')
    stats = await mockControl.stats()
    expect(stats.postsCreated).toBe(1)
    expect(keys).toHaveLength(1)
    server.events.removeAllListeners()
  })

  it('sends a post kept offline by itself on reconnecting while the person is on another page, once', async () => {
    const { user } = await openBoard()
    await net.goOffline()
    await user.type(screen.getByLabelText('Title'), 'Sent from the profile page')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    await outbox().findByText(/Sent from the profile page/)
    await user.click(screen.getByRole('link', { name: 'Profile' }))
    await screen.findByRole('heading', { name: 'Your profile' })
    // Elsewhere the header says what waits, and links to it.
    expect(screen.getByText('1 post is waiting to send; it goes by itself.')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'See it on the board' })).toHaveAttribute('href', '/board')

    await net.goOnline()

    await waitFor(async () => expect((await mockControl.stats()).postsCreated).toBe(1))
    await waitFor(() => expect(screen.queryByText(/waiting to send; it goes by itself/)).toBeNull())
    await user.click(screen.getByRole('link', { name: 'Board' }))
    await screen.findByText('Welcome to the board')
    expect(await postList().findAllByRole('heading', { level: 3, name: 'Sent from the profile page' })).toHaveLength(1)
    expect(screen.queryByRole('list', { name: 'Waiting to send' })).not.toBeInTheDocument()
    expect(screen.getByLabelText('Title')).toHaveValue('')
  })

  it('keeps a post the server could not take (500) and sends it by itself after the backoff', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] })
    const { user } = await openBoard()
    await mockControl.failNext('posts', 500)
    await user.type(screen.getByLabelText('Title'), 'Server hiccup')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    expect(await screen.findByRole('alert')).toHaveTextContent("The server is having trouble right now — this is not something you did. Your draft is kept. Post it again in a moment. We'll also send it by itself as soon as the server answers: it will be posted once.")
    expect(outbox().getByRole('listitem')).toHaveTextContent('The server is having trouble — will try again by itself in 2 seconds.')
    expect((await mockControl.stats()).postsCreated).toBe(0)

    await act(() => vi.advanceTimersByTimeAsync(2_000))
    expect(await screen.findByText('Posted.')).toBeInTheDocument()
    expect(titlesOf('Server hiccup')).toHaveLength(1)
    expect(screen.getByLabelText('Title')).toHaveValue('')
    expect((await mockControl.stats()).postsCreated).toBe(1)
  })

  /** A post the server cannot take (500) waits for its retry in 2 s (fake time), which the server will refuse (400). */
  async function postThenRefuseOnRetry(title: string, reason: string) {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] })
    const app = await openBoard()
    await mockControl.failNext('posts', 500)
    await app.user.type(screen.getByLabelText('Title'), title)
    await app.user.click(screen.getByRole('button', { name: 'Post' }))
    await within(await screen.findByRole('list', { name: 'Waiting to send' })).findByText(/will try again by itself in 2 seconds/)
    server.use(http.post('*/api/posts', () => HttpResponse.json({ error: 'invalid_request', message: reason }, { status: 400 }), { once: true }))
    return app
  }

  it('a queued post the server refuses while the person is elsewhere: the header says so, the board\'s form has it back', async () => {
    const { user } = await postThenRefuseOnRetry('Refused later', 'Titles like that are not allowed.')
    await user.click(screen.getByRole('link', { name: 'Profile' }))
    await screen.findByRole('heading', { name: 'Your profile' })

    await act(() => vi.advanceTimersByTimeAsync(2_000))

    const refusal = '“Refused later” was not posted: The server did not accept this: Titles like that are not allowed. It is back in the form.'
    expect(await screen.findByText(new RegExp(`^${refusal}`))).toBeInTheDocument()
    await user.click(screen.getByRole('link', { name: 'See it on the board' }))
    await screen.findByText('Welcome to the board')
    expect(screen.getByRole('alert')).toHaveTextContent(refusal)
    expect(screen.getByLabelText('Title')).toHaveValue('Refused later')
    expect(screen.queryByRole('list', { name: 'Waiting to send' })).not.toBeInTheDocument()
    await user.type(screen.getByLabelText('Title'), '!')
    expect(screen.queryByText(refusal)).toBeNull()
    expect((await mockControl.stats()).postsCreated).toBe(0)
  })

  it('a queued post refused while the form holds newer text: its text is set aside and comes back after the next post', async () => {
    const { user } = await postThenRefuseOnRetry('First try', 'Not that one.')
    await user.clear(screen.getByLabelText('Title'))
    await user.type(screen.getByLabelText('Title'), 'Second')

    await act(() => vi.advanceTimersByTimeAsync(2_000))

    expect(await screen.findByRole('alert')).toHaveTextContent(
      '“First try” was not posted: The server did not accept this: Not that one. Its text is kept and comes back into the form once the form is empty (after your next post).',
    )
    expect(screen.getByLabelText('Title')).toHaveValue('Second')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    expect(await screen.findByText('Posted.')).toBeInTheDocument()
    expect(titlesOf('Second')).toHaveLength(1)
    expect(screen.getByLabelText('Title')).toHaveValue('First try')
    expect((await mockControl.stats()).postsCreated).toBe(1)
  })

  it('a lost answer, a reload and Post again make one post, with one key', async () => {
    const keys: string[] = []
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST' && new URL(request.url).pathname === '/api/posts') keys.push(request.headers.get('idempotency-key') ?? 'none')
    })
    const first = await openBoard()
    await mockControl.failNext('posts', 'lost-response')
    await first.user.type(screen.getByLabelText('Title'), 'Did it go through?')
    await first.user.click(screen.getByRole('button', { name: 'Post' }))
    expect(await screen.findByRole('alert')).toHaveTextContent("Can't reach the server. Your draft is kept")
    // A reload (before the outbox's own retry, 2 s later); its resend right after meets a server in trouble, so the
    // person presses Post again. (failNext would fail the list's GET too: this override answers the POST only.)
    server.use(http.post('*/api/posts', () => HttpResponse.json({ error: 'unavailable', message: 'Try later' }, { status: 503 }), { once: true }))
    cleanup()
    expect((await mockControl.stats()).postsCreated).toBe(1) // created; the answer was lost
    const { user } = renderApp({ route: '/board' })
    await screen.findByText('Welcome to the board')
    expect(screen.getByLabelText('Title')).toHaveValue('Did it go through?')
    await within(await screen.findByRole('list', { name: 'Waiting to send' })).findByText(/will try again by itself/)
    await user.click(screen.getByRole('button', { name: 'Post' }))

    expect(await screen.findByText('Posted.')).toBeInTheDocument()
    await waitFor(() => expect(titlesOf('Did it go through?')).toHaveLength(1))
    expect((await mockControl.stats()).postsCreated).toBe(1)
    expect(new Set(keys).size).toBe(1)
    // The lost one, the resend after the reload (503: its key counted too, before the override answered), Post again.
    expect(keys).toHaveLength(3)
    server.events.removeAllListeners()
  })
})
