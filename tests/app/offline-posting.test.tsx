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
/** The waiting list, once it has rendered (a post is queued after its failed answer arrives). */
const outbox = async () => within(await screen.findByRole('list', { name: 'Waiting to send' }))

describe('posting without a connection or a server', () => {
  const { mockControl, server } = useMockServer({ dpop: 'optional' })
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

    // A post that is safe is not an error: a polite status, and focus stays where the person is.
    const said = await screen.findByText(/^Your post is in the waiting list below/)
    expect(said).toHaveAttribute('role', 'status')
    expect(said).toHaveTextContent("Your post is in the waiting list below, where you can edit or remove it. Waiting to send — will post when you're back online.")
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getByRole('button', { name: 'Post' })).toHaveFocus()
    expect((await outbox()).getByRole('listitem')).toHaveTextContent("Written on the train Waiting to send — will post when you're back online.")
    // The form is empty for the next post: clicking Post again queues nothing (the title is asked for).
    expect(screen.getByLabelText('Title')).toHaveValue('')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    expect((await outbox()).getAllByRole('listitem')).toHaveLength(1)
    // Typing on while it waits: kept.
    await user.type(screen.getByLabelText('Text'), ' and more')
    let stats = await mockControl.stats()
    expect(stats.postsCreated).toBe(0)
    expect(stats.refreshCalls).toBe(before.refreshCalls)
    expect(keys).toEqual([])

    const focused = document.activeElement
    await net.goOnline()
    expect(await screen.findByText('Posted.')).toBeInTheDocument()
    expect(titlesOf('Written on the train')).toHaveLength(1)
    // Sent by itself: the person's focus stayed where it was (never dropped to <body>).
    expect(document.activeElement).toBe(focused)
    expect(document.activeElement).not.toBe(document.body)
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
    await (await outbox()).findByText(/Sent from the profile page/)
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
    expect(await screen.findByText(/^Your post is in the waiting list below/)).toHaveTextContent('The server is having trouble — will try again by itself in 2 seconds.')
    expect((await outbox()).getByRole('listitem')).toHaveTextContent('The server is having trouble — will try again by itself in 2 seconds.')
    expect(screen.queryByRole('alert')).toBeNull()
    expect((await mockControl.stats()).postsCreated).toBe(0)
    const focused = document.activeElement

    await act(() => vi.advanceTimersByTimeAsync(2_000))
    expect(await screen.findByText('Posted.')).toBeInTheDocument()
    expect(titlesOf('Server hiccup')).toHaveLength(1)
    expect(screen.getByLabelText('Title')).toHaveValue('')
    expect((await mockControl.stats()).postsCreated).toBe(1)
    // The automatic resend took nothing from under the person's focus.
    expect(document.activeElement).toBe(focused)
    expect(document.activeElement).not.toBe(document.body)
  })

  it('a rate-limited post: the status and the waiting list give the same wait (one source)', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] })
    const { user } = await openBoard()
    await mockControl.failNext('posts', 429) // Retry-After: 1; the outbox waits at least 2 s
    await user.type(screen.getByLabelText('Title'), 'Too soon')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    const said = await screen.findByText(/^Your post is in the waiting list below/)
    const listed = (await outbox()).getByRole('listitem')
    expect(listed).toHaveTextContent('The server asked us to wait — will send it by itself in 2 seconds.')
    expect(said).toHaveTextContent('The server asked us to wait — will send it by itself in 2 seconds.')
    expect(said).not.toHaveTextContent('1 second')
    await act(() => vi.advanceTimersByTimeAsync(2_000))
    expect(await screen.findByText('Posted.')).toBeInTheDocument()
    expect((await mockControl.stats()).postsCreated).toBe(1)
  })

  it('a waiting post edited from the list is still one post: edit, post, reconnect → the server gets one, with the new text', async () => {
    const { user } = await openBoard()
    await net.goOffline()
    await user.type(screen.getByLabelText('Title'), 'Typo in the titel')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    await (await outbox()).findByText('Typo in the titel')

    await user.click((await outbox()).getByRole('button', { name: 'Edit' }))
    expect(screen.queryByRole('list', { name: 'Waiting to send' })).not.toBeInTheDocument()
    expect(screen.getByLabelText('Title')).toHaveValue('Typo in the titel')
    expect(screen.getByLabelText('Title')).toHaveFocus()
    await user.clear(screen.getByLabelText('Title'))
    await user.type(screen.getByLabelText('Title'), 'No typo in the title')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    expect((await outbox()).getAllByRole('listitem')).toHaveLength(1)
    expect((await outbox()).getByRole('listitem')).toHaveTextContent('No typo in the title')

    await net.goOnline()
    expect(await screen.findByText('Posted.')).toBeInTheDocument()
    expect((await mockControl.stats()).postsCreated).toBe(1)
    expect(titlesOf('No typo in the title')).toHaveLength(1)
    expect(titlesOf('Typo in the titel')).toHaveLength(0)
  })

  it('a post whose answer was lost, edited from the list and posted again, is still one post (it keeps its key)', async () => {
    const { user } = await openBoard()
    await mockControl.failNext('posts', 'lost-response')
    await user.type(screen.getByLabelText('Title'), 'First words')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    await within(await screen.findByRole('list', { name: 'Waiting to send' })).findByText('First words')
    expect((await mockControl.stats()).postsCreated).toBe(1) // made; the answer was lost

    await user.click((await outbox()).getByRole('button', { name: 'Edit' }))
    await user.type(screen.getByLabelText('Title'), ', second thoughts')
    await user.click(screen.getByRole('button', { name: 'Post' }))

    expect(await screen.findByText('Posted.')).toBeInTheDocument()
    // The server already had it under that key: it keeps the first, makes no second.
    expect((await mockControl.stats()).postsCreated).toBe(1)
    expect(titlesOf('First words')).toHaveLength(1)
  })

  it('a waiting post removed from the list is never sent; focus goes to the form, not <body>', async () => {
    const { user } = await openBoard()
    await net.goOffline()
    await user.type(screen.getByLabelText('Title'), 'Never mind')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    await user.click(await (await outbox()).findByRole('button', { name: 'Remove' }))

    expect(screen.getByText('“Never mind” was removed from the waiting list; it will not be sent.')).toHaveAttribute('role', 'status')
    expect(screen.getByLabelText('Title')).toHaveFocus()
    await net.goOnline()
    expect((await mockControl.stats()).postsCreated).toBe(0)
    expect(sessionStorage.getItem(Object.keys(sessionStorage).find((key) => key.startsWith('board-outbox')) ?? 'none')).toBeNull()
  })

  it('an explicit sign-out deletes the draft and the waiting posts of the tab, and says so (a session that ends by itself keeps them: board.test.tsx)', async () => {
    const { user } = await openBoard()
    await net.goOffline()
    await user.type(screen.getByLabelText('Title'), 'Waiting when I left')
    await user.click(screen.getByRole('button', { name: 'Post' }))
    await user.type(screen.getByLabelText('Title'), 'Half a draft')
    expect(Object.keys(sessionStorage).filter((key) => key.startsWith('board-'))).toHaveLength(2)

    await user.click(screen.getByRole('button', { name: 'Log out' }))

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument()
    expect(screen.getByText(/Signing out deleted the draft and the posts waiting to be sent in this tab\./)).toBeInTheDocument()
    expect(Object.keys(sessionStorage).filter((key) => key.startsWith('board-'))).toEqual([])
  })

  /** A post the server cannot take (500) waits for its retry in 2 s (fake time), which the server will refuse (400). */
  async function postThenRefuseOnRetry(title: string, reason: string) {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] })
    const app = await openBoard()
    await mockControl.failNext('posts', 500)
    await app.user.type(screen.getByLabelText('Title'), title)
    await app.user.click(screen.getByRole('button', { name: 'Post' }))
    await (await outbox()).findByText(/will try again by itself in 2 seconds/)
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
    expect(await screen.findByText(/^Your post is in the waiting list below/)).toHaveTextContent("Can't reach the server")
    // A reload (before the outbox's own retry, 2 s later); its resend right after meets a server in trouble, so the
    // person presses Send now. (failNext would fail the list's GET too: this override answers the POST only.)
    server.use(http.post('*/api/posts', () => HttpResponse.json({ error: 'unavailable', message: 'Try later' }, { status: 503 }), { once: true }))
    cleanup()
    expect((await mockControl.stats()).postsCreated).toBe(1) // created; the answer was lost
    const { user } = renderApp({ route: '/board' })
    await screen.findByText('Welcome to the board')
    expect(screen.getByLabelText('Title')).toHaveValue('')
    await within(await screen.findByRole('list', { name: 'Waiting to send' })).findByText(/will try again by itself/)
    await user.click((await outbox()).getByRole('button', { name: 'Send now' }))

    expect(await screen.findByText('Posted.')).toBeInTheDocument()
    await waitFor(() => expect(titlesOf('Did it go through?')).toHaveLength(1))
    expect((await mockControl.stats()).postsCreated).toBe(1)
    expect(new Set(keys).size).toBe(1)
    // The lost one, the resend after the reload (503: its key counted too, before the override answered), Post again.
    expect(keys).toHaveLength(3)
    server.events.removeAllListeners()
  })
})
