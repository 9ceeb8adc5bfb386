import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { startMockHttpServer, type MockHttpServer } from '../server'
import { createTestClient, type ContractTarget } from './harness'
import { createHttpControl } from './http-control'
import { describeContract } from './describe-contract'

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
  const target: ContractTarget = { kind: 'http', control, client: () => createTestClient(url()) }
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
