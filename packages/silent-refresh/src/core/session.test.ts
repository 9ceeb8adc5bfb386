import { describe, expect, it } from 'vitest'
import { backoffAfterFailure, initialState, learnServerOffset, reduce, type SessionEvent, type SessionState } from './session'
import type { SessionStatus } from './types'

const STATUSES: SessionStatus[] = ['unknown', 'restoring', 'authenticated', 'anonymous', 'ended']
const AT = 1_700_000_000_000
const error = new Error('refused')

/** Every kind of session event (and the variants that decide differently), stamped at `AT`. */
const EVENTS: Record<string, SessionEvent> = {
  'restore-started': { type: 'restore-started', at: AT },
  'restore-finished (session)': { type: 'restore-finished', hasSession: true, at: AT },
  'restore-finished (none)': { type: 'restore-finished', hasSession: false, at: AT },
  'token-adopted (refresh)': { type: 'token-adopted', token: 't2', issuedAt: AT, serverTime: null, startsVia: null, sessionExpiresAt: null, from: 'before-request', at: AT },
  'token-adopted (restore starts)': { type: 'token-adopted', token: 't2', issuedAt: AT, serverTime: null, startsVia: 'restore', sessionExpiresAt: null, from: 'restore', at: AT },
  'token-adopted (login)': { type: 'token-adopted', token: 't2', issuedAt: AT, serverTime: null, startsVia: 'login', sessionExpiresAt: null, from: 'login', at: AT },
  'token-adopted (other tab starts)': { type: 'token-adopted', token: 't2', issuedAt: AT, serverTime: null, startsVia: 'other-tab', from: 'other-tab', at: AT },
  'token-adopted (other tab refreshed)': { type: 'token-adopted', token: 't2', issuedAt: AT, serverTime: null, startsVia: null, from: 'other-tab', at: AT },
  'refresh-unavailable': { type: 'refresh-unavailable', status: 503, retryAfterMs: 0, cause: error, at: AT },
  superseded: { type: 'superseded', at: AT },
  'session-end (logout)': { type: 'session-end', reason: 'logout', at: AT },
  'session-end (refused)': { type: 'session-end', reason: 'refresh-refused', refreshFailure: { reason: 'after-401', error }, at: AT },
  'session-end (key lost, other tab)': { type: 'session-end', reason: 'key-lost', fromOtherTab: true, at: AT },
  'session-end (refresh answer lost, no reuse interval)': { type: 'session-end', reason: 'refresh-lost', refreshFailure: { reason: 'restore', error }, at: AT },
  'token-adopted (opaque token, its facts from the answer)': {
    type: 'token-adopted',
    token: 'opaque-t2',
    issuedAt: AT,
    serverTime: null,
    startsVia: null,
    decoded: { user: { id: 'u1', email: '', name: '' }, issuedAt: AT, expiresAt: AT + 900_000, boundKey: null },
    from: 'before-request',
    at: AT,
  },
  'connectivity (offline)': { type: 'connectivity', online: false, at: AT },
  'logout-pending': { type: 'logout-pending', pending: true, at: AT },
}

const same = (status: SessionStatus) => status
const ends = (status: SessionStatus): SessionStatus => (status === 'authenticated' || status === 'ended' ? 'ended' : 'anonymous')

/** The table: for each event, the status it leads to from each status, and the effects it asks for, in order. */
const TABLE: Record<keyof typeof EVENTS, { status: (from: SessionStatus) => SessionStatus; effects: string[] }> = {
  'restore-started': { status: (s) => (s === 'unknown' ? 'restoring' : s), effects: [] },
  'restore-finished (session)': { status: (s) => (s === 'restoring' ? 'authenticated' : s), effects: [] },
  'restore-finished (none)': { status: (s) => (s === 'restoring' ? 'anonymous' : s), effects: [] },
  'token-adopted (refresh)': { status: same, effects: ['store-token t2', 'emit refresh-success', 'tell-tabs token'] },
  'token-adopted (restore starts)': { status: () => 'authenticated', effects: ['store-token t2', 'emit refresh-success', 'emit session-start', 'tell-tabs token'] },
  'token-adopted (login)': { status: () => 'authenticated', effects: ['store-token t2', 'emit session-start', 'tell-tabs login'] },
  'token-adopted (other tab starts)': { status: () => 'authenticated', effects: ['store-token t2', 'emit session-start'] },
  'token-adopted (other tab refreshed)': { status: same, effects: ['store-token t2'] },
  'refresh-unavailable': { status: same, effects: [] },
  superseded: { status: same, effects: [] },
  'session-end (logout)': { status: () => 'anonymous', effects: ['store-token null', 'emit session-end', 'call-on-session-end logout', 'tell-tabs logout'] },
  'session-end (refused)': {
    status: ends,
    effects: ['store-token null', 'emit refresh-failure', 'emit session-end', 'call-on-session-end refresh-refused', 'tell-tabs session-end'],
  },
  'session-end (key lost, other tab)': { status: ends, effects: ['store-token null', 'emit session-end', 'call-on-session-end key-lost'] },
  'session-end (refresh answer lost, no reuse interval)': {
    status: ends,
    effects: ['store-token null', 'emit refresh-failure', 'emit session-end', 'call-on-session-end refresh-lost', 'tell-tabs session-end'],
  },
  'token-adopted (opaque token, its facts from the answer)': { status: same, effects: ['store-token opaque-t2 (with its facts)', 'emit refresh-success', 'tell-tabs token (with its facts)'] },
  'connectivity (offline)': { status: same, effects: [] },
  'logout-pending': { status: same, effects: [] },
}

function describeEffects(effects: ReturnType<typeof reduce>['effects']): string[] {
  return effects.map((effect) => {
    switch (effect.type) {
      case 'store-token':
        return `store-token ${effect.token}${effect.decoded ? ' (with its facts)' : ''}`
      case 'emit':
        return `emit ${effect.event.type}`
      case 'call-on-session-end':
        return `call-on-session-end ${effect.reason}`
      case 'tell-tabs':
        return `tell-tabs ${effect.message.type}${'decoded' in effect.message && effect.message.decoded ? ' (with its facts)' : ''}`
    }
  })
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !(value instanceof Error)) {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

describe('reduce: every (status × event) pair', () => {
  const pairs = STATUSES.flatMap((status) => Object.keys(EVENTS).map((name) => [status, name] as const))

  it.each(pairs)('from %s, %s', (status, name) => {
    const before = deepFreeze({ ...initialState(), status })
    const { state, effects } = reduce(before, EVENTS[name]!)
    expect(state.status).toBe(TABLE[name]!.status(status))
    expect(describeEffects(effects)).toEqual(TABLE[name]!.effects)
  })

  it('covers every kind of event', () => {
    const kinds = new Set(Object.values(EVENTS).map((event) => event.type))
    expect([...kinds].sort()).toEqual(
      ['connectivity', 'logout-pending', 'refresh-unavailable', 'restore-finished', 'restore-started', 'session-end', 'superseded', 'token-adopted'].sort(),
    )
  })
})

describe('reduce: what else an event changes', () => {
  const authenticated: SessionState = { ...initialState(), status: 'authenticated', epoch: 3, tokenVersion: 7 }

  it('a token bumps the token version; only one that starts a session bumps the epoch', () => {
    expect(reduce(authenticated, EVENTS['token-adopted (refresh)']!).state).toMatchObject({ epoch: 3, tokenVersion: 8 })
    expect(reduce(authenticated, EVENTS['token-adopted (login)']!).state).toMatchObject({ epoch: 4, tokenVersion: 8 })
  })

  it('a session end bumps both, keeps its reason and forgets the session end time; superseded bumps the epoch only', () => {
    const withEnd = { ...authenticated, sessionExpiresAt: AT + 1_000 }
    expect(reduce(withEnd, EVENTS['session-end (refused)']!).state).toMatchObject({ epoch: 4, tokenVersion: 8, endReason: 'refresh-refused', sessionExpiresAt: null })
    expect(reduce(authenticated, { type: 'superseded', endReason: 'logout', at: AT }).state).toMatchObject({ epoch: 4, tokenVersion: 7, endReason: 'logout' })
  })

  it('a refresh answer lost without a reuse interval ends the session as refresh-lost, and the tabs hear that reason', () => {
    const { state, effects } = reduce(authenticated, EVENTS['session-end (refresh answer lost, no reuse interval)']!)
    expect(state).toMatchObject({ status: 'ended', endReason: 'refresh-lost' })
    expect(effects).toContainEqual({ type: 'tell-tabs', message: { type: 'session-end', reason: 'refresh-lost' } })
  })

  it("an opaque token's facts (from its answer) are stored with it and told to the tabs with it", () => {
    const event = EVENTS['token-adopted (opaque token, its facts from the answer)'] as Extract<SessionEvent, { type: 'token-adopted' }>
    const { effects } = reduce(authenticated, event)
    expect(effects[0]).toEqual({ type: 'store-token', token: 'opaque-t2', decoded: event.decoded })
    expect(effects.at(-1)).toMatchObject({ type: 'tell-tabs', message: { type: 'token', token: 'opaque-t2', decoded: event.decoded } })
  })

  it('the refresh-failure of a refused refresh carries its reason and error; the tabs hear the reason', () => {
    const { effects } = reduce(authenticated, EVENTS['session-end (refused)']!)
    expect(effects).toContainEqual({ type: 'emit', event: { type: 'refresh-failure', reason: 'after-401', error } })
    expect(effects).toContainEqual({ type: 'tell-tabs', message: { type: 'session-end', reason: 'refresh-refused' } })
  })

  it("a token learns the server's clock; the tabs hear it on that clock, and the session end moves to client time", () => {
    // The server runs 5 minutes ahead; its `Date` (a lower bound) says so.
    const event: SessionEvent = { ...EVENTS['token-adopted (login)']!, issuedAt: AT + 299_000, serverTime: AT + 300_000, sessionExpiresAt: AT + 300_000 + 60_000 } as SessionEvent
    const { state, effects } = reduce(initialState(), event)
    expect(state.serverOffsetMs).toBe(300_000)
    expect(state.sessionExpiresAt).toBe(AT + 60_000)
    expect(effects.at(-1)).toEqual({ type: 'tell-tabs', message: { type: 'login', token: 't2', serverTime: AT + 300_000, sessionExpiresAt: AT + 360_000 } })
  })

  it('an unavailable refresh backs off and is remembered until a token arrives; coming back online starts the backoff over', () => {
    const failed = reduce(authenticated, EVENTS['refresh-unavailable']!).state
    expect(failed.backoff).toEqual({ failures: 1, retryAt: AT + 1_000 })
    expect(failed.unavailable).toEqual({ status: 503, cause: error })
    const recovered = reduce(failed, EVENTS['token-adopted (refresh)']!).state
    expect(recovered.backoff).toEqual({ failures: 0, retryAt: 0 })
    expect(recovered.unavailable).toBeNull()

    const offline = reduce(failed, EVENTS['connectivity (offline)']!).state
    expect(offline).toMatchObject({ online: false, backoff: failed.backoff })
    expect(reduce(offline, { type: 'connectivity', online: true, at: AT }).state.backoff).toEqual({ failures: 0, retryAt: 0 })
  })

  it('never mutates the state it is given', () => {
    const before = deepFreeze({ ...authenticated })
    for (const event of Object.values(EVENTS)) expect(() => reduce(before, event)).not.toThrow()
  })
})

describe('the status sequences of a session', () => {
  const run = (events: SessionEvent[], from: SessionStatus = 'unknown') => events.reduce((state, event) => reduce(state, event).state, { ...initialState(), status: from }).status
  const E = EVENTS as Record<string, SessionEvent>

  it('restores into an authenticated session', () => {
    expect(run([E['restore-started']!])).toBe('restoring')
    expect(run([E['restore-started']!, E['restore-finished (session)']!])).toBe('authenticated')
  })

  it('restores into an anonymous visit when there is no session', () => {
    expect(run([E['restore-started']!, E['restore-finished (none)']!])).toBe('anonymous')
  })

  it('starts the restore only once', () => {
    expect(run([E['restore-started']!, E['restore-finished (none)']!, E['restore-started']!])).toBe('anonymous')
  })

  it('lets a login that finished during the restore win over a late empty restore', () => {
    expect(run([E['restore-started']!, E['token-adopted (login)']!, E['restore-finished (none)']!])).toBe('authenticated')
  })

  it('ends a session in use, and a login starts a new one', () => {
    expect(run([E['session-end (refused)']!], 'authenticated')).toBe('ended')
    expect(run([E['session-end (refused)']!, E['token-adopted (login)']!], 'authenticated')).toBe('authenticated')
  })

  it('treats an ending before any session as anonymous', () => {
    expect(run([E['restore-started']!, E['session-end (refused)']!])).toBe('anonymous')
    expect(run([E['session-end (refused)']!], 'anonymous')).toBe('anonymous')
    expect(run([E['session-end (refused)']!], 'ended')).toBe('ended')
  })

  it('signs out into an anonymous visit', () => {
    expect(run([E['session-end (logout)']!], 'authenticated')).toBe('anonymous')
    expect(run([E['session-end (logout)']!], 'ended')).toBe('anonymous')
  })
})

describe('backoffAfterFailure', () => {
  it('doubles the wait after each failure, up to the cap, on the given clock', () => {
    let now = 0
    let backoff = initialState().backoff
    expect(backoff.retryAt).toBe(0)
    const waits: number[] = []
    for (let i = 0; i < 6; i++) {
      backoff = backoffAfterFailure(backoff, now, 0, { baseMs: 1_000, maxMs: 8_000 })
      waits.push(backoff.retryAt - now)
      now = backoff.retryAt
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000])
  })

  it('honours a longer Retry-After up to the cap, never beyond it', () => {
    const rules = { baseMs: 1_000, maxMs: 60_000 }
    const first = backoffAfterFailure(initialState().backoff, 100, 45_000, rules)
    expect(first.retryAt).toBe(45_100)
    expect(backoffAfterFailure(first, 100, 10, rules).retryAt).toBe(2_100)
    expect(backoffAfterFailure(initialState().backoff, 100, 315_360_000_000, rules).retryAt).toBe(60_100)
  })

  it('starts over after a success', () => {
    let state = initialState()
    state = reduce(state, { ...EVENTS['refresh-unavailable']!, at: 0 } as SessionEvent).state
    state = reduce(state, { ...EVENTS['refresh-unavailable']!, at: 0 } as SessionEvent).state
    state = reduce(state, { ...EVENTS['token-adopted (refresh)']!, at: 0 } as SessionEvent).state
    expect(state.backoff).toEqual({ failures: 0, retryAt: 0 })
    state = reduce(state, { ...EVENTS['refresh-unavailable']!, at: 0 } as SessionEvent).state
    expect(state.backoff.retryAt).toBe(1_000)
  })
})

describe("learnServerOffset: the one clock model (the server's clock = the client's + the offset)", () => {
  it('assumes no skew until a server time is observed', () => {
    expect(initialState().serverOffsetMs).toBe(0)
  })

  it.each([
    ['ten minutes behind', -600_000],
    ['ten minutes ahead', 600_000],
  ])('follows a server clock %s', (_label, offset) => {
    const clientNow = 1_700_000_000_000
    const learnt = learnServerOffset(0, { issuedAt: clientNow + offset, date: null }, clientNow)
    // 42 s later on the client's clock, the server's reads 42 s later too.
    expect(clientNow + 42_000 + learnt).toBe(clientNow + 42_000 + offset)
  })

  it('takes the later of iat and Date, both being lower bounds of the server time', () => {
    expect(learnServerOffset(0, { issuedAt: 70_000, date: 71_000 }, 10_000)).toBe(61_000)
    expect(learnServerOffset(61_000, { issuedAt: 80_000, date: null }, 10_000)).toBe(70_000)
  })

  it("believes a Date ahead of the token's iat only up to the middle of the token's life", () => {
    // A 15-minute token issued at 100 s; the answer's Date says 20 minutes later.
    const token = { issuedAt: 100_000, expiresAt: 1_000_000 }
    expect(learnServerOffset(0, { ...token, date: 1_300_000 }, 0)).toBe(550_000)
    expect(learnServerOffset(0, { ...token, date: 400_000 }, 0)).toBe(400_000)
    expect(learnServerOffset(0, { ...token, date: 50_000 }, 0)).toBe(100_000)
  })

  it('ignores an observation with no usable time', () => {
    const learnt = learnServerOffset(learnServerOffset(0, { issuedAt: 5_000, date: null }, 0), { issuedAt: null, date: Number.NaN }, 0)
    expect(0 + learnt).toBe(5_000)
    expect(5_000 - learnt).toBe(0)
  })
})
