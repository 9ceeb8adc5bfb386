import type { ContestantSession } from '../contestants/contestant'
import type { FailureKind, MockControl } from '../../mocks'
import { HOLD_HEADER, type MockEnv } from './mock-env'
import { settleWithin } from './settle'

export type SessionOutcome = 'kept' | 'ended' | 'lost'

export interface Ideal {
  refreshCalls: number
  /** When set, up to this many refresh calls are ideal too (one quick retry of a passing failure). */
  maxRefreshCalls?: number
  failed: number
  session: SessionOutcome
  postsCreated?: number
}

export interface ScenarioContext {
  env: MockEnv
  session: ContestantSession
}

export interface Scenario {
  title: string
  /** false: only the server's clock passes the expiry (as with a client clock running behind), so the first answer is a 401. */
  clientKnowsExpiry: boolean
  /** Queued on the mock after login, before the requests. */
  arrange?: (control: MockControl) => Promise<void>
  /** Starts the scenario's requests and returns them, to be counted by the runner. */
  act(context: ScenarioContext): Promise<readonly Promise<unknown>[]>
  ideal: Ideal
  countsPosts?: boolean
}

const concurrent = (n: number, request: (i: number) => Promise<unknown>) => Array.from({ length: n }, (_, i) => request(i))

function burst(n: number, clientKnowsExpiry: boolean): Scenario {
  return {
    title: `${n === 1 ? '1 GET' : `${n} concurrent GETs`}, token expired${clientKnowsExpiry ? '' : ' for the server only (401-first)'}`,
    clientKnowsExpiry,
    act: async ({ session }) => concurrent(n, () => session.http.get('/me')),
    ideal: { refreshCalls: 1, failed: 0, session: 'kept' },
  }
}

/** A request sent with the old token is held until another request has refreshed and been replayed. */
const late401: Scenario = {
  title: 'a 401 arriving after another refresh finished',
  clientKnowsExpiry: false,
  async act({ session, env }) {
    const hold = env.holdNext()
    const late = session.http.get('/me', { headers: { [HOLD_HEADER]: '1' } })
    await Promise.race([hold.arrived, late.catch(() => undefined)])
    const other = session.http.get('/me')
    await settleWithin([other], 10_000)
    hold.release()
    return [late, other]
  },
  ideal: { refreshCalls: 1, failed: 0, session: 'kept' },
}

function twentyPosts(clientKnowsExpiry: boolean): Scenario {
  return {
    title: `20 concurrent POSTs, token expired${clientKnowsExpiry ? '' : ' for the server only (401-first)'}`,
    clientKnowsExpiry,
    act: async ({ session }) =>
      concurrent(20, (i) =>
        session.http.post('/posts', { title: `Bench post ${i}`, body: 'body' }, { headers: { 'Idempotency-Key': crypto.randomUUID() } }),
      ),
    ideal: { refreshCalls: 1, failed: 0, session: 'kept', postsCreated: 20 },
    countsPosts: true,
  }
}

function refreshFails(kind: FailureKind, label: string): Scenario {
  return {
    title: `refresh fails once with ${label}, 10 GETs waiting`,
    clientKnowsExpiry: true,
    arrange: (control) => control.failNext('refresh', kind, 1),
    act: async ({ session }) => concurrent(10, () => session.http.get('/me')),
    // A 401 is the server's last word; a 500 or a dropped connection is passing: one quick retry loses nothing.
    ideal: kind === 401 ? { refreshCalls: 1, failed: 10, session: 'ended' } : { refreshCalls: 1, maxRefreshCalls: 2, failed: 0, session: 'kept' },
  }
}

/** The issue's row: one passing refresh failure under a burst loses no request and costs one extra refresh at most. */
function transientFailure(kind: FailureKind, label: string, waiting: number): Scenario {
  return {
    title: `one transient refresh failure (${label}), ${waiting.toLocaleString('en')} waiting`,
    clientKnowsExpiry: true,
    arrange: (control) => control.failNext('refresh', kind, 1),
    act: async ({ session }) => concurrent(waiting, () => session.http.get('/me')),
    ideal: { refreshCalls: 1, maxRefreshCalls: 2, failed: 0, session: 'kept' },
  }
}

export const scenarios: readonly Scenario[] = [
  burst(1, true),
  burst(10, true),
  burst(100, true),
  burst(1000, true),
  burst(100, false),
  late401,
  twentyPosts(true),
  twentyPosts(false),
  refreshFails(401, '401 (refused)'),
  refreshFails(500, '500'),
  refreshFails('network', 'a network error'),
  transientFailure(500, '500', 1000),
  transientFailure('lost-response', 'answer lost after the rotation', 10),
]
