// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { useMockServer } from '../../mocks/testing'
import { renderApp, signInOutsideTheApp } from '../support/render-app'

const HOUR = 60 * 60 * 1000

/** Another person, on another device: signs up from its own host (its own cookie jar) and posts. */
async function anotherPerson(name: string) {
  const origin = `http://${name.toLowerCase()}.localhost`
  const signup = await fetch(`${origin}/api/auth/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: `${name.toLowerCase()}-${Date.now()}@example.com`, name, password: 'password1' }),
  })
  const { accessToken } = (await signup.json()) as { accessToken: string }
  return {
    post: async (title: string) => {
      const response = await fetch(`${origin}/api/posts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ title, body: 'Sent from another device.' }),
      })
      expect(response.status).toBe(201)
    },
  }
}

async function openLiveBoard() {
  await signInOutsideTheApp()
  const app = renderApp({ route: '/board' })
  await screen.findByText('Welcome to the board')
  expect(await screen.findByText('Live: new posts appear here by themselves.')).toBeInTheDocument()
  return app
}

const titles = () => within(screen.getByRole('list', { name: 'Posts' })).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)

describe('the live board', () => {
  const { mockControl, server } = useMockServer({ dpop: 'optional' })
  afterEach(() => {
    cleanup()
    sessionStorage.clear()
    localStorage.removeItem('ui-language')
    document.documentElement.lang = 'en'
  })

  it("shows another person's post at the top without a reload, and says so politely", async () => {
    await openLiveBoard()
    const mina = await anotherPerson('Mina')
    await mina.post('Hello from Mina')
    await waitFor(() => expect(titles()[0]).toBe('Hello from Mina'))
    expect(screen.getByText('New post from Mina: Hello from Mina')).toBeInTheDocument()
    expect(titles()).toHaveLength(4)
  })

  it('the access token expires on the server: exactly one refresh by the client, and new posts keep appearing', async () => {
    await openLiveBoard()
    const before = (await mockControl.stats()).refreshCalls // the start-up restore
    await mockControl.advanceClock(HOUR + 1000)
    // The server ends the stream (auth-expired); the reconnect meets the 401 and the client's one refresh.
    await waitFor(async () => expect((await mockControl.stats()).refreshCalls).toBe(before + 1))
    const mina = await anotherPerson('Mina')
    await mina.post('After the hour')
    await waitFor(() => expect(titles()[0]).toBe('After the hour'))
    await mina.post('And another')
    await waitFor(() => expect(titles()[0]).toBe('And another'))
    const stats = await mockControl.stats()
    expect(stats.refreshCalls).toBe(before + 1)
    expect(stats.familiesRevoked).toBe(0)
  })

  it('never shows a malformed message: the good ones around it appear', async () => {
    const encoder = new TextEncoder()
    const good = (id: string, title: string) =>
      `id: ${id}\nevent: post\ndata: ${JSON.stringify({ id, title, body: '', author: { id: 'x', name: 'Mina' }, createdAt: new Date().toISOString() })}\n\n`
    server.use(
      http.get(
        '*/api/posts/stream',
        () =>
          new HttpResponse(
            new ReadableStream({
              start(controller) {
                controller.enqueue(encoder.encode('event: ready\ndata: {}\n\n'))
                controller.enqueue(encoder.encode(good('p1', 'First good')))
                controller.enqueue(encoder.encode('event: post\ndata: {"id": "p2", "title": "Broken JSON"\n\n'))
                controller.enqueue(encoder.encode(`event: post\ndata: ${JSON.stringify({ id: 'p3', title: 'No author', body: '', createdAt: 'x' })}\n\n`))
                controller.enqueue(encoder.encode(good('p4', 'Second good')))
              },
            }),
            { headers: { 'Content-Type': 'text/event-stream' } },
          ),
        { once: true },
      ),
    )
    await openLiveBoard()
    await waitFor(() => expect(titles().slice(0, 2)).toEqual(['Second good', 'First good']))
    expect(screen.queryByText(/Broken JSON|No author/)).not.toBeInTheDocument()
    expect(titles()).toHaveLength(5)
  })

  it('in Korean: the live line and the announcement', async () => {
    localStorage.setItem('ui-language', 'ko')
    await signInOutsideTheApp()
    renderApp({ route: '/board' })
    expect(await screen.findByText('실시간: 새 글이 여기에 저절로 나타납니다.')).toBeInTheDocument()
    const mina = await anotherPerson('Mina')
    await mina.post('미나의 글')
    expect(await screen.findByText('Mina님의 새 글: 미나의 글')).toBeInTheDocument()
  })
})
