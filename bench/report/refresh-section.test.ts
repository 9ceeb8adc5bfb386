import { describe, expect, it } from 'vitest'
import type { ScenarioOutcome } from '../refresh/run-scenario'
import { scenarios } from '../refresh/scenarios'
import { shortfalls } from './refresh-section'

const posts = scenarios.find((s) => s.countsPosts)!
const ideal: ScenarioOutcome = {
  total: 20,
  settled: { ok: 20, failed: 0, hung: 0, errors: {} },
  refreshCalls: 1,
  familiesRevoked: 0,
  postsCreated: 20,
  requests: { api: 20, refresh: 1 },
  session: 'kept',
}

describe('shortfalls', () => {
  it('allows one extra refresh where the ideal says so, not two', () => {
    const transient = scenarios.find((s) => s.title.startsWith('one transient refresh failure (500)'))!
    const outcome: ScenarioOutcome = { ...ideal, total: 1000, settled: { ok: 1000, failed: 0, hung: 0, errors: {} }, postsCreated: 0 }
    expect(shortfalls(transient, { ...outcome, refreshCalls: 2 })).toEqual([])
    expect(shortfalls(transient, { ...outcome, refreshCalls: 3 })).toEqual(['3 refresh calls'])
    expect(shortfalls(transient, { ...outcome, settled: { ok: 950, failed: 50, hung: 0, errors: {} } })).toEqual(['50 of 1000 requests failed'])
  })

  it('finds none in the ideal outcome', () => {
    expect(shortfalls(posts, ideal)).toEqual([])
  })

  it('names lost requests, missing posts, extra refreshes, revoked families and a dead session', () => {
    const bad: ScenarioOutcome = {
      ...ideal,
      settled: { ok: 1, failed: 19, hung: 0, errors: { 'AxiosError 401': 19 } },
      refreshCalls: 3,
      familiesRevoked: 1,
      postsCreated: 1,
      session: 'lost',
    }
    expect(shortfalls(posts, bad)).toEqual([
      '3 refresh calls',
      '19 of 20 requests failed',
      "the session's token family was revoked",
      '1 of 20 posts created',
      'the session is dead but the app still thinks it is signed in',
    ])
  })
})
