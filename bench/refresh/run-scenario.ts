import type { MockStats } from '../../mocks'
import type { Contestant, ContestantSession } from '../contestants/contestant'
import { BASE_URL, DEMO, type MockEnv } from './mock-env'
import type { Scenario, SessionOutcome } from './scenarios'
import { settleWithin, type Settled } from './settle'

const HOUR_PLUS = 60 * 60 * 1000 + 1000
/** Past the longest automatic-refresh backoff of our client (30 s); peers ignore the client clock. */
const AFTER_BACKOFF_MS = 31_000
const DEADLINE_MS = 20_000
/** Each answer takes this long, so that concurrent requests come back together as over a network. */
export const LATENCY_MS = 10

export interface ScenarioOutcome {
  total: number
  settled: Settled
  refreshCalls: number
  familiesRevoked: number
  postsCreated: number
  /** API and refresh requests the mock saw during the scenario. */
  requests: { api: number; refresh: number }
  session: SessionOutcome
}

function delta(before: MockStats, after: MockStats) {
  const by = (name: keyof MockStats['requestsByEndpoint']) => after.requestsByEndpoint[name] - before.requestsByEndpoint[name]
  return {
    refreshCalls: after.refreshCalls - before.refreshCalls,
    familiesRevoked: after.familiesRevoked - before.familiesRevoked,
    postsCreated: after.postsCreated - before.postsCreated,
    requests: { api: by('me') + by('posts'), refresh: by('refresh') },
  }
}

/**
 * Whether the user still has a session: the app logged them out ("ended"), or one more request,
 * once the mock answers normally again, succeeds without a login ("kept") or not ("lost": the app
 * believes it is signed in but every call fails).
 */
async function sessionAfter(session: ContestantSession, advanceClientClock: (ms: number) => void, deadlineMs: number): Promise<SessionOutcome> {
  if (!session.signedIn()) return 'ended'
  advanceClientClock(AFTER_BACKOFF_MS)
  const followUp = await settleWithin([session.http.get('/me')], deadlineMs)
  return followUp.ok === 1 ? 'kept' : 'lost'
}

/**
 * One contestant through one scenario on a freshly reset mock. A request still unanswered `deadlineMs` (wall clock)
 * after the scenario started waiting counts as hung: 20 s by default, as the benchmark reports it; a test on a loaded
 * machine passes its own test timeout's worth instead, so that slowness is never counted as a hang.
 */
export async function runScenario(
  env: MockEnv,
  contestant: Contestant,
  scenario: Scenario,
  { deadlineMs = DEADLINE_MS }: { deadlineMs?: number } = {},
): Promise<ScenarioOutcome> {
  await env.control.reset()
  // The contestants are Bearer clients: DPoP optional, as the mock's default was when the numbers were taken.
  await env.control.configure({ latencyMs: LATENCY_MS, dpop: 'optional' })
  const clock = { now: Date.now() }
  const session = contestant.create({ baseURL: BASE_URL, adapter: env.adapter, now: () => clock.now })
  try {
    await session.login(DEMO)
    await env.control.advanceClock(HOUR_PLUS)
    if (scenario.clientKnowsExpiry) clock.now += HOUR_PLUS
    await scenario.arrange?.(env.control)
    const before = await env.control.stats()
    const requests = await scenario.act({ env, session })
    const settled = await settleWithin(requests, deadlineMs)
    const after = await env.control.stats()
    const outcome = await sessionAfter(session, (ms) => (clock.now += ms), deadlineMs)
    return { total: requests.length, settled, ...delta(before, after), session: outcome }
  } finally {
    session.dispose()
  }
}

/** HTTP requests (API + refresh) for one GET with an expired token; `null` when the GET failed. */
export async function requestsPerAction(env: MockEnv, contestant: Contestant, clientKnowsExpiry: boolean): Promise<number | null> {
  const outcome = await runScenario(env, contestant, {
    title: 'one GET',
    clientKnowsExpiry,
    act: async ({ session }) => [session.http.get('/me')],
    ideal: { refreshCalls: 1, failed: 0, session: 'kept' },
  })
  if (outcome.settled.ok !== 1) return null
  return outcome.requests.api + outcome.requests.refresh
}
