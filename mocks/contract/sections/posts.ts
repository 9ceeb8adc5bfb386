import { describe, expect, it } from 'vitest'
import { DEMO_USER } from '../../../packages/silent-refresh/src/testing/server/core/seed'
import type { ContractTarget, TestClient } from '../harness'
import { ISO_DATE, MINUTE, expectChallenge, expectError, mockOnly } from '../expectations'

interface Post {
  id: string
  title: string
  body: string
  author: { id: string; name: string }
  createdAt: string
}

async function signedIn(target: ContractTarget): Promise<{ client: TestClient; token: string }> {
  const client = target.client()
  return { client, token: (await client.login()).accessToken }
}

export function postsContract(target: () => ContractTarget) {
  describe('GET /api/posts', () => {
    it('answers the seeded posts, newest first, with their authors', async () => {
      const { client, token } = await signedIn(target())
      const response = await client.send('GET', '/api/posts', { token })
      expect(response.status).toBe(200)
      const posts = response.body as Post[]
      expect(posts.length).toBeGreaterThanOrEqual(2)
      for (const post of posts) {
        expect(post).toEqual({
          id: expect.any(String),
          title: expect.any(String),
          body: expect.any(String),
          author: { id: expect.any(String), name: DEMO_USER.name },
          createdAt: expect.stringMatching(ISO_DATE),
        })
      }
      const times = posts.map((p) => Date.parse(p.createdAt))
      expect(times).toEqual([...times].sort((a, b) => b - a))
    })

    it('answers without a token with 401 and the challenge', async () => {
      const response = await target().client().send('GET', '/api/posts')
      expectError(response, 401, 'unauthorized')
      expectChallenge(response, 'Bearer', { realm: 'api' }, ['error'])
    })
  })

  describe('POST /api/posts', () => {
    it('creates a post: 201, and it comes first in the list', async () => {
      const { client, token } = await signedIn(target())
      await target().control.advanceClock(MINUTE)
      const response = await client.send('POST', '/api/posts', { token, json: { title: 'Hello', body: 'First!' } })
      expect(response.status).toBe(201)
      const post = response.body as Post
      expect(post).toMatchObject({ title: 'Hello', body: 'First!', author: { name: DEMO_USER.name } })
      const list = (await client.send('GET', '/api/posts', { token })).body as Post[]
      expect(list[0]).toEqual(post)
      expect(await target().control.stats()).toMatchObject({ postsCreated: 1 })
    })

    it(mockOnly('trims the title before it is stored'), async () => {
      const { client, token } = await signedIn(target())
      const response = await client.send('POST', '/api/posts', { token, json: { title: '  Hello  ', body: 'First!' } })
      expect(response.body).toMatchObject({ title: 'Hello' })
    })

    it('creates one post for a repeated Idempotency-Key and answers the first post (200), even with another body', async () => {
      const { client, token } = await signedIn(target())
      const key = crypto.randomUUID()
      const before = ((await client.send('GET', '/api/posts', { token })).body as Post[]).length
      const first = await client.send('POST', '/api/posts', { token, json: { title: 'Once', body: '' }, headers: { 'Idempotency-Key': key } })
      const again = await client.send('POST', '/api/posts', { token, json: { title: 'Once', body: '' }, headers: { 'Idempotency-Key': key } })
      const other = await client.send('POST', '/api/posts', { token, json: { title: 'Other', body: 'x' }, headers: { 'Idempotency-Key': key } })
      expect([first.status, again.status, other.status]).toEqual([201, 200, 200])
      expect(again.body).toEqual(first.body)
      expect(other.body).toEqual(first.body)
      expect(((await client.send('GET', '/api/posts', { token })).body as Post[]).length).toBe(before + 1)
      expect(await target().control.stats()).toMatchObject({ postsCreated: 1 })
    })

    it('keeps Idempotency-Keys per user: another user with the same key creates a post', async () => {
      const { client, token } = await signedIn(target())
      const key = crypto.randomUUID()
      await client.send('POST', '/api/posts', { token, json: { title: 'Mine', body: '' }, headers: { 'Idempotency-Key': key } })
      const other = await target().client().signup({ email: 'poster@example.com', name: 'Poster', password: 'password1' })
      const theirs = await client.send('POST', '/api/posts', { token: other.accessToken, json: { title: 'Theirs', body: '' }, headers: { 'Idempotency-Key': key } })
      expect(theirs.status).toBe(201)
      expect(theirs.body).toMatchObject({ title: 'Theirs', author: { name: 'Poster' } })
    })

    it('forgets Idempotency-Keys on reset()', async () => {
      const key = crypto.randomUUID()
      const first = await signedIn(target())
      await first.client.send('POST', '/api/posts', { token: first.token, json: { title: 'A', body: '' }, headers: { 'Idempotency-Key': key } })
      await target().control.reset()
      await target().allowBearer()
      const second = await signedIn(target())
      const response = await second.client.send('POST', '/api/posts', { token: second.token, json: { title: 'A', body: '' }, headers: { 'Idempotency-Key': key } })
      expect(response.status).toBe(201)
    })

    it.each([
      ['an empty title', { title: '', body: 'x' }],
      ['a title of only white space', { title: ' \t\n ', body: 'x' }],
      ['a title over 200 characters', { title: 't'.repeat(201), body: 'x' }],
      ['a title of 201 emoji', { title: '📝'.repeat(201), body: 'x' }],
      ['a body over 10,000 characters', { title: 'T', body: 'b'.repeat(10_001) }],
      ['a missing body', { title: 'T' }],
      ['a missing title', { body: 'x' }],
      ['a number for a title', { title: 7, body: 'x' }],
    ])('refuses %s with 400 invalid_request and creates nothing', async (_, json) => {
      const { client, token } = await signedIn(target())
      const key = crypto.randomUUID()
      expectError(await client.send('POST', '/api/posts', { token, json, headers: { 'Idempotency-Key': key } }), 400, 'invalid_request')
      expect(await target().control.stats()).toMatchObject({ postsCreated: 0 })
      // The key was not spent on the refusal.
      const retry = await client.send('POST', '/api/posts', { token, json: { title: 'Fixed', body: '' }, headers: { 'Idempotency-Key': key } })
      expect(retry.status).toBe(201)
    })

    it(mockOnly('accepts the limits: 200 emoji of title, 10,000 characters of body'), async () => {
      const { client, token } = await signedIn(target())
      const response = await client.send('POST', '/api/posts', { token, json: { title: '📝'.repeat(200), body: 'b'.repeat(10_000) } })
      expect(response.status).toBe(201)
    })

    it('refuses an empty Idempotency-Key with 400', async () => {
      const { client, token } = await signedIn(target())
      const response = await client.send('POST', '/api/posts', { token, json: { title: 'T', body: '' }, headers: { 'Idempotency-Key': ' ' } })
      expectError(response, 400, 'invalid_request')
    })

    it('answers without a token with 401 and creates nothing', async () => {
      const response = await target().client().send('POST', '/api/posts', { json: { title: 'T', body: '' } })
      expectError(response, 401, 'unauthorized')
      expect(await target().control.stats()).toMatchObject({ postsCreated: 0 })
    })
  })
}
