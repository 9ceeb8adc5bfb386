import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { contestants } from '../contestants'
import { ours } from '../contestants/ours'
import { handWrittenInterceptor } from '../peers/hand-written-interceptor'
import { startMockEnv, type MockEnv } from './mock-env'
import { runScenario } from './run-scenario'
import { scenarios, type Scenario } from './scenarios'
import { MANY_REQUESTS_TIMEOUT_MS } from '../../tests/support/timeouts'

// Each scenario runs a real client against the mock, up to 1,000 requests waiting on one refresh: a named exception
// to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: MANY_REQUESTS_TIMEOUT_MS })
// The runner's 20 s "hung" deadline is wall-clock: under load a slow answer would count as hung. Here a request
// counts as hung only if it is still unanswered when the test times out.
const noWallClockDeadline = { deadlineMs: MANY_REQUESTS_TIMEOUT_MS }

const oneGet = scenarios.find((s) => s.title === '1 GET, token expired')!
const late401 = scenarios.find((s) => s.title.startsWith('a 401 arriving after'))!
const refused = scenarios.find((s) => s.title.includes('401 (refused)'))!
const networkError = scenarios.find((s) => s.title.includes('network error'))!

describe('the scenario runner, against the mock', () => {
  let env: MockEnv
  beforeAll(() => {
    env = startMockEnv()
  })
  afterAll(() => env.close())

  it.each(contestants.map((c) => [c.name, c] as const))('%s signs in, refreshes once and replays a GET with an expired token', async (_name, contestant) => {
    const outcome = await runScenario(env, contestant, oneGet, noWallClockDeadline)
    expect(outcome).toMatchObject({ refreshCalls: 1, familiesRevoked: 0, session: 'kept', settled: { ok: 1, failed: 0, hung: 0 } })
  })

  it('holds the first 401 back until the other request has refreshed: a client that refreshes on every 401 refreshes twice', async () => {
    expect((await runScenario(env, handWrittenInterceptor, late401, noWallClockDeadline)).refreshCalls).toBe(2)
    expect((await runScenario(env, ours, late401, noWallClockDeadline)).refreshCalls).toBe(1)
  })

  it('tells a session the app ended from one it kept', async () => {
    expect((await runScenario(env, ours, refused, noWallClockDeadline)).session).toBe('ended')
    expect((await runScenario(env, ours, networkError, noWallClockDeadline)).session).toBe('kept')
    expect((await runScenario(env, handWrittenInterceptor, networkError, noWallClockDeadline)).session).toBe('ended')
  })

  it('one transient refresh failure under 1,000 waiting: ours loses nothing, with one extra refresh at most', async () => {
    const transient = scenarios.find((s) => s.title.startsWith('one transient refresh failure (500)'))!
    const outcome = await runScenario(env, ours, transient, noWallClockDeadline)
    expect(outcome).toMatchObject({ total: 1000, refreshCalls: 2, familiesRevoked: 0, session: 'kept', settled: { ok: 1000, failed: 0, hung: 0 } })
  })

  it('counts requests the client never got an answer for as failed', async () => {
    const failing: Scenario = { ...oneGet, arrange: (control) => control.failNext('me', 'network', 2) }
    const outcome = await runScenario(env, ours, failing, noWallClockDeadline)
    expect(outcome.settled).toMatchObject({ ok: 0, failed: 1 })
  })
})
