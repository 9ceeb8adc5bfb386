import { describe, expect, it } from 'vitest'
import { claimsOf, type ContractTarget, type TestClient } from '../harness'
import { HOUR, expectError } from '../expectations'

interface StreamEvent {
  event: string
  id?: string
  data: string
}

/** An open `GET /api/posts/stream`: its events as they come, parsed with the WHATWG framing (enough of it for the mock). */
async function openStream(client: TestClient, token: string, headers: Record<string, string> = {}) {
  const controller = new AbortController()
  const response = await fetch(client.url('/api/posts/stream'), { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream', ...headers }, signal: controller.signal })
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  let ended = false
  const queue: StreamEvent[] = []
  const fill = async () => {
    const { done, value } = await reader.read()
    if (done) ended = true
    else buffer += value
    let cut: number
    while ((cut = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, cut)
      buffer = buffer.slice(cut + 2)
      const fields: Record<string, string> = {}
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue
        const colon = line.indexOf(':')
        fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '')
      }
      if (fields.data !== undefined) queue.push({ event: fields.event ?? 'message', data: fields.data, ...(fields.id ? { id: fields.id } : {}) })
    }
  }
  return {
    response,
    /** The next event (waits for it); null when the stream ended first. */
    async next(): Promise<StreamEvent | null> {
      while (queue.length === 0 && !ended) await fill()
      return queue.shift() ?? null
    },
    close() {
      controller.abort()
      void reader.cancel().catch(() => undefined)
    },
  }
}

export function liveStreamContract(target: () => ContractTarget) {
  describe('the live board (GET /api/posts/stream, server-sent events)', () => {
    it('answers text/event-stream with no-store and says ready; a post made by another client arrives as event: post with its id', async () => {
      const reader = target().client()
      const writer = target().client()
      const { accessToken } = await reader.login()
      const other = await writer.login()
      const stream = await openStream(reader, accessToken)
      expect(stream.response.status).toBe(200)
      expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/)
      expect(stream.response.headers.get('cache-control')).toBe('no-store')
      expect(await stream.next()).toEqual({ event: 'ready', data: '{}' })
      const created = await writer.send('POST', '/api/posts', { token: other.accessToken, json: { title: 'Live', body: 'from another client' } })
      const event = await stream.next()
      expect(event).toMatchObject({ event: 'post', id: (created.body as { id: string }).id })
      expect(JSON.parse(event!.data)).toEqual(created.body)
      stream.close()
    })

    it('sends what was posted after Last-Event-ID first (no gap across a reconnect), then the new ones', async () => {
      const client = target().client()
      const { accessToken } = await client.login()
      const first = await client.send('POST', '/api/posts', { token: accessToken, json: { title: 'One', body: '' } })
      await client.send('POST', '/api/posts', { token: accessToken, json: { title: 'Two', body: '' } })
      await client.send('POST', '/api/posts', { token: accessToken, json: { title: 'Three', body: '' } })
      const stream = await openStream(client, accessToken, { 'Last-Event-ID': (first.body as { id: string }).id })
      expect((await stream.next())?.event).toBe('ready')
      expect([JSON.parse((await stream.next())!.data).title, JSON.parse((await stream.next())!.data).title]).toEqual(['Two', 'Three'])
      stream.close()
    })

    it("ends the stream with event: auth-expired when the token's exp passes on the server's clock", async () => {
      const client = target().client()
      const { accessToken } = await client.login()
      const stream = await openStream(client, accessToken)
      expect((await stream.next())?.event).toBe('ready')
      await target().control.advanceClock(HOUR + 1000)
      expect(await stream.next()).toEqual({ event: 'auth-expired', data: JSON.stringify({ reason: 'token-expired' }) })
      expect(await stream.next()).toBeNull()
      expectError(await client.send('GET', '/api/posts/stream', { token: accessToken }), 401, 'invalid_token')
    })

    it('ends the stream with event: auth-expired (session-ended) when its login is signed out from another device', async () => {
      const phone = target().client()
      const laptop = target().client()
      const phoneLogin = await phone.login()
      const laptopLogin = await laptop.login()
      const stream = await openStream(phone, phoneLogin.accessToken)
      expect((await stream.next())?.event).toBe('ready')
      const sid = claimsOf(phoneLogin.accessToken).sid as string
      expect((await laptop.send('DELETE', `/api/auth/sessions/${sid}`, { token: laptopLogin.accessToken })).status).toBe(204)
      expect(await stream.next()).toEqual({ event: 'auth-expired', data: JSON.stringify({ reason: 'session-ended' }) })
      expect(await stream.next()).toBeNull()
    })

    it('needs the access token like any resource: 401 with the challenge, invalid_token when expired', async () => {
      const client = target().client()
      expectError(await client.send('GET', '/api/posts/stream'), 401, 'unauthorized')
      const { accessToken } = await client.login()
      await target().control.advanceClock(HOUR + 1000)
      const refused = await client.send('GET', '/api/posts/stream', { token: accessToken })
      expectError(refused, 401, 'invalid_token')
      expect(refused.headers.get('www-authenticate')).toMatch(/error="invalid_token"/)
    })
  })
}
