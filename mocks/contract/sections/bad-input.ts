import { describe, expect, it } from 'vitest'
import { DEMO_USER } from '../../../packages/silent-refresh/src/testing/server/core/seed'
import type { ContractTarget, SendOptions } from '../harness'
import { expectError } from '../expectations'

const JSON_ENDPOINTS = ['/api/auth/signup', '/api/auth/login', '/api/posts'] as const

const oversized = JSON.stringify({ email: DEMO_USER.email, password: DEMO_USER.password, padding: 'x'.repeat(64 * 1024) })

export function badInputContract(target: () => ContractTarget) {
  describe('bad input: the contract status, never a 500, nothing changed', () => {
    async function send(path: string, options: SendOptions) {
      const client = target().client()
      const token = path === '/api/posts' ? (await client.login()).accessToken : undefined
      const statsBefore = await target().control.stats()
      const response = await client.send('POST', path, { token, ...options })
      const statsAfter = await target().control.stats()
      expect(statsAfter).toMatchObject({ logins: statsBefore.logins, postsCreated: statsBefore.postsCreated })
      return response
    }

    describe.each(JSON_ENDPOINTS)('%s', (path) => {
      it.each([
        ['no Content-Type', { body: '{}' }],
        ['text/plain', { body: '{}', headers: { 'Content-Type': 'text/plain' } }],
        ['a form', { body: 'email=a&password=b', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }],
        ['application/jsonp', { body: '{}', headers: { 'Content-Type': 'application/jsonp' } }],
      ] as Array<[string, SendOptions]>)('answers %s with 415 unsupported_media_type', async (_, options) => {
        expectError(await send(path, options), 415, 'unsupported_media_type')
      })

      it.each([
        ['malformed JSON', '{"email": '],
        ['an empty body', ''],
        ['a JSON array', '[1, 2]'],
        ['JSON null', 'null'],
        ['a JSON string', '"hello"'],
      ])('answers %s with 400 invalid_request', async (_, body) => {
        expectError(await send(path, { body, headers: { 'Content-Type': 'application/json' } }), 400, 'invalid_request')
      })

      it('answers bytes that are not UTF-8 with 400 invalid_request', async () => {
        const body = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])
        expectError(await send(path, { body, headers: { 'Content-Type': 'application/json' } }), 400, 'invalid_request')
      })

      it('answers a body over 64 KiB with 413 payload_too_large', async () => {
        expectError(await send(path, { body: oversized, headers: { 'Content-Type': 'application/json' } }), 413, 'payload_too_large')
      })
    })

    it('accepts application/json with a charset parameter', async () => {
      const response = await target().client().send('POST', '/api/auth/login', {
        body: JSON.stringify(DEMO_USER),
        headers: { 'Content-Type': 'Application/JSON; charset=utf-8' },
      })
      expect(response.status).toBe(200)
    })

    it('accepts a body of exactly 64 KiB', async () => {
      const base = JSON.stringify({ email: DEMO_USER.email, password: DEMO_USER.password, padding: '' })
      const body = JSON.stringify({ email: DEMO_USER.email, password: DEMO_USER.password, padding: 'x'.repeat(64 * 1024 - base.length) })
      expect(new TextEncoder().encode(body).byteLength).toBe(64 * 1024)
      const response = await target().client().send('POST', '/api/auth/login', { body, headers: { 'Content-Type': 'application/json' } })
      expect(response.status).toBe(200)
    })

    it('answers an unknown API path with 404 not_found', async () => {
      expectError(await target().client().send('GET', '/api/nowhere'), 404, 'not_found')
    })
  })
}
