import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest'
import { startMockHttpServer, type MockHttpServer } from '../server'
import { DEMO_USER } from '../../packages/silent-refresh/src/testing/server/core/seed'
import { createDpopKey } from './dpop-keys'
import { createTestClient, type ContractTarget } from './harness'
import { createHttpControl } from './http-control'
import { describeContract } from './describe-contract'
import { CONTRACT_TIMEOUT_MS } from '../../tests/support/timeouts'

// The whole API contract over real HTTP: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: CONTRACT_TIMEOUT_MS })

// No msw/node in this file: it would intercept these requests. The test's clients keep their own cookies.
let mock: MockHttpServer | undefined
const url = () => {
  if (!mock) throw new Error('the mock server has not started')
  return mock.url
}
const control = createHttpControl(url)

beforeAll(async () => {
  mock = await startMockHttpServer({ port: 0 })
})
afterAll(() => mock?.close())
beforeEach(() => control.reset())

describeContract('real HTTP (mock:server on a free port)', () => {
  const target: ContractTarget = { kind: 'http', control, client: () => createTestClient(url()), allowBearer: () => control.configure({ dpop: 'optional' }) }
  return () => target
})

it('answers the control endpoints over HTTP: stats as JSON, a negative clock advance refused with 400', async () => {
  const stats = await fetch(`${url()}/__mock/stats`)
  expect(stats.status).toBe(200)
  expect(await stats.json()).toMatchObject({ refreshCalls: 0, requestsByEndpoint: { login: 0 } })
  const clock = await fetch(`${url()}/__mock/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"advanceMs":-5}' })
  expect(clock.status).toBe(400)
  expect(await clock.json()).toMatchObject({ error: 'invalid_request' })
})

it('accepts failNext with a status sent as a string ("500")', async () => {
  const response = await fetch(`${url()}/__mock/fail`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ endpoint: 'me', kind: '500', times: 1 }),
  })
  expect(response.status).toBe(204)
  expect((await fetch(`${url()}/api/me`)).status).toBe(500)
})

function rawRequest(method: string, path: string): Promise<{ status: number; allow: string | undefined }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url()}${path}`, { method }, (response) => {
      response.resume()
      resolve({ status: response.statusCode ?? 0, allow: response.headers.allow })
    })
    request.on('error', reject)
    request.end()
  })
}

it('answers TRACE with 405 and Allow on a known path, 404 elsewhere, never 500', async () => {
  expect(await rawRequest('TRACE', '/api/me')).toEqual({ status: 405, allow: 'GET' })
  expect(await rawRequest('TRACE', '/api/nowhere')).toMatchObject({ status: 404 })
  expect(await rawRequest('OPTIONS', '/api/posts')).toEqual({ status: 405, allow: 'GET, POST' })
})

it('listens on 127.0.0.1 by default, and http://localhost:<port> (as the e2e proxy uses it) still reaches it', async () => {
  expect(url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  const port = new URL(url()).port
  expect((await fetch(`http://localhost:${port}/__mock/stats`)).status).toBe(200)
  const viaNodeHttp = await new Promise<number>((resolve, reject) => {
    httpRequest(`http://localhost:${port}/__mock/stats`, (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
      .on('error', reject)
      .end()
  })
  expect(viaNodeHttp).toBe(200)
})

it('with trustProxy, takes the client address from the last X-Forwarded-For entry', async () => {
  const proxied = await startMockHttpServer({ port: 0, trustProxy: true })
  try {
    await proxied.control.configure({ dpop: 'optional' })
    const client = createTestClient(proxied.url)
    const login = (ip: string, password = 'wrong-password') =>
      client.send('POST', '/api/auth/login', { json: { email: `${ip}-${Math.random()}@example.com`, password }, headers: { 'X-Forwarded-For': `198.51.100.1, ${ip}` } })
    for (let i = 0; i < 20; i++) expect((await login('203.0.113.1')).status).toBe(401)
    expect((await login('203.0.113.1')).status).toBe(429)
    expect((await login('203.0.113.2')).status).toBe(401)
  } finally {
    await proxied.close()
  }
})

it('with trustProxy, checks a proof against the origin the proxy forwards (X-Forwarded-Proto/-Host, last entry)', async () => {
  const proxied = await startMockHttpServer({ port: 0, trustProxy: true })
  try {
    const client = createTestClient(proxied.url)
    const key = await createDpopKey()
    const nonce = (await client.send('GET', '/api/me')).nonce!
    const forwarded = { 'X-Forwarded-Host': 'evil.example, app.example', 'X-Forwarded-Proto': 'http, https' }
    const login = async (htu: string) =>
      client.send('POST', '/api/auth/login', { json: DEMO_USER, dpop: await key.proof('POST', htu, { nonce }), headers: forwarded })
    expect((await login('https://app.example/api/auth/login')).status).toBe(200)
    expect((await login('https://evil.example/api/auth/login')).error).toBe('invalid_dpop_proof')
    expect((await login(client.url('/api/auth/login'))).error).toBe('invalid_dpop_proof')
  } finally {
    await proxied.close()
  }
})
