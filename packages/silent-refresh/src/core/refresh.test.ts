import { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios'
import { describe, expect, it } from 'vitest'
import { accessToken } from '../../../../tests/support/tokens'
import { manualTimers } from '../testing/manual-timers'
import { AuthError, NotAuthenticatedError, OfflineError, RefreshUnavailableError, SessionExpiredError } from './errors'
import { defaultProfile } from './backend-profile'
import { createAuthHttp } from './http'
import { createRefresh, type QuickRetry } from './refresh'
import { createRequestCredentials } from './request'
import { createSessionModel, DEFAULT_BACKOFF } from './session'
import { createMemoryTokenStore } from './token'
import type { AuthEvent, SessionEndReason, TabMessage, TokenStore } from './types'

const T0 = 1_700_000_000_000
const seconds = (ms: number) => Math.floor(ms / 1000)

type Answer = { status: number; body?: unknown } | 'hold'

/**
 * The refresh policy alone: a real session model over a memory store, the auth instance over an in-process adapter
 * that answers `POST /auth/refresh` from a script, and manual timers and clock (nothing waits on the wall clock).
 */
async function setup(options: { answers: Answer[]; token?: 'valid' | 'expired' | null; retry?: QuickRetry; online?: boolean; store?: TokenStore }) {
  const time = manualTimers({ now: T0 })
  const iat = seconds(T0) - (options.token === 'expired' ? 7_200 : 0)
  const initial = options.token === null ? null : await accessToken({ iat, exp: iat + 3_600 })
  const store = options.store ?? createMemoryTokenStore(initial)
  if (options.store) store.set(initial)
  const events: AuthEvent[] = []
  const ends: { reason: SessionEndReason; status: string }[] = []
  const told: TabMessage[] = []
  const page = { online: options.online ?? true }
  const session = createSessionModel({
    store,
    now: () => time.timers.now(),
    refreshMarginMs: 30_000,
    backoff: DEFAULT_BACKOFF,
    online: page.online,
    logoutPending: false,
    onEvent: (event) => events.push(event),
    onSessionEnd: (reason) => ends.push({ reason, status: session.getSnapshot().status }),
    tell: (message) => told.push(message),
  })
  if (initial) {
    session.dispatch({ type: 'restore-started' })
    session.dispatch({ type: 'restore-finished', hasSession: true })
  }
  const fresh = await accessToken({ iat: seconds(T0), exp: seconds(T0) + 3_600 })
  const sent: InternalAxiosRequestConfig[] = []
  const held: ((response: AxiosResponse) => void)[] = []
  const adapter: AxiosAdapter = (config) => {
    sent.push(config)
    const answer = options.answers.shift() ?? { status: 200 }
    const response = (status: number, data: unknown): AxiosResponse => ({ status, statusText: '', data, headers: new AxiosHeaders(), config })
    if (answer === 'hold') return new Promise((resolve) => held.push(resolve))
    if (answer.status >= 400) return Promise.reject(new AxiosError('failed', 'ERR_BAD_RESPONSE', config, null, response(answer.status, answer.body ?? {})))
    return Promise.resolve(response(answer.status, answer.body ?? { accessToken: fresh }))
  }
  const authHttp = createAuthHttp({ baseURL: 'http://api.test/api', timeoutMs: 10_000, timers: time.timers, adapter, headers: defaultProfile.authHeaders })
  const refresh = createRefresh({
    session,
    authHttp,
    profile: defaultProfile,
    apiBase: 'http://api.test/api',
    credentials: createRequestCredentials(null, session.tokens),
    coordinator: null,
    retry: options.retry ?? null,
    random: () => 0,
    timers: time.timers,
    isOnline: () => page.online,
  })
  const answer = (body: unknown = { accessToken: fresh }) => held.shift()!({ status: 200, statusText: '', data: body, headers: new AxiosHeaders(), config: sent.at(-1)! })
  return { refresh, session, store, time, events, ends, told, sent, fresh, page, answer }
}

describe('the refresh policy, on its own', () => {
  it('one refresh for many callers: one POST, every caller gets its token, the tabs hear it once', async () => {
    const t = await setup({ answers: [], token: 'expired' })
    const results = await Promise.all([t.refresh.automatic('before-request'), t.refresh.automatic('before-request'), t.refresh.run('manual')])
    expect(results).toEqual([t.fresh, t.fresh, t.fresh])
    expect(t.sent).toHaveLength(1)
    expect(t.store.get()).toBe(t.fresh)
    expect(t.events).toEqual([{ type: 'refresh-start', reason: 'before-request' }, { type: 'refresh-success', reason: 'before-request' }])
    expect(t.told).toEqual([{ type: 'token', token: t.fresh, serverTime: T0, sessionExpiresAt: null }])
  })

  it('unavailable: the session is kept, automatic refreshes back off on the clock without sending, explicit ones still try', async () => {
    const t = await setup({ answers: [{ status: 503 }, { status: 503 }], token: 'expired' })
    const error = await t.refresh.automatic('before-request').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RefreshUnavailableError)
    expect(error).toMatchObject({ status: 503, retryAt: T0 + 1_000 })
    expect(t.session.getSnapshot().status).toBe('authenticated')

    await expect(t.refresh.automatic('before-request')).rejects.toBeInstanceOf(RefreshUnavailableError)
    expect(t.sent).toHaveLength(1)
    await expect(t.refresh.run('manual')).rejects.toMatchObject({ retryAt: T0 + 2_000 })
    expect(t.sent).toHaveLength(2)

    t.time.advance(2_000)
    await expect(t.refresh.automatic('before-request')).resolves.toBe(t.fresh)
    expect(t.session.state().backoff).toEqual({ failures: 0, retryAt: 0 })
  })

  it('one quick retry of a passing failure after its jittered delay, on the injected timers', async () => {
    const t = await setup({ answers: [{ status: 502 }, { status: 200 }], token: 'expired', retry: { minDelayMs: 200, maxDelayMs: 600 } })
    const refreshed = t.refresh.automatic('before-request')
    await expect.poll(() => t.events.map((e) => e.type)).toContain('refresh-retry')
    expect(t.events).toContainEqual({ type: 'refresh-retry', reason: 'before-request', delayMs: 200 })
    expect(t.sent).toHaveLength(1)
    t.time.advance(200)
    await expect(refreshed).resolves.toBe(t.fresh)
    expect(t.sent).toHaveLength(2)
  })

  it('refused with a session: it ends (SessionExpiredError), and onSessionEnd already sees it ended', async () => {
    const t = await setup({ answers: [{ status: 401 }], token: 'expired' })
    const error = await t.refresh.automatic('after-401').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SessionExpiredError)
    expect(error).toMatchObject({ code: 'session_expired', reason: 'refresh-refused' })
    expect(t.ends).toEqual([{ reason: 'refresh-refused', status: 'ended' }])
    expect(t.events.map((e) => e.type)).toEqual(['refresh-start', 'refresh-failure', 'session-end'])
    expect(t.told).toEqual([{ type: 'session-end', reason: 'refresh-refused' }])
    expect(t.store.get()).toBeNull()
  })

  it('refused without a session (no cookie at start-up): NotAuthenticatedError, no session end', async () => {
    const t = await setup({ answers: [{ status: 401 }], token: null })
    await expect(t.refresh.run('restore')).rejects.toBeInstanceOf(NotAuthenticatedError)
    expect(t.ends).toEqual([])
    expect(t.told).toEqual([])
  })

  it('an answer that arrives after a login or logout began belongs to the old session: not adopted', async () => {
    const t = await setup({ answers: ['hold'], token: 'expired' })
    const before = t.store.get()
    const refreshed = t.refresh.run('manual').catch((e: unknown) => e)
    await expect.poll(() => t.sent.length).toBe(1)
    t.session.dispatch({ type: 'superseded' })
    t.answer()
    // The token it had is still current (no end came): the caller gets it, not the late answer's.
    expect(await refreshed).toBe(before)
    expect(t.store.get()).toBe(before)
    expect(t.told).toEqual([])
  })

  it('offline: OfflineError at once, nothing sent, no backoff', async () => {
    const t = await setup({ answers: [], token: 'expired', online: false })
    await expect(t.refresh.automatic('before-request')).rejects.toBeInstanceOf(OfflineError)
    expect(t.sent).toHaveLength(0)
    expect(t.session.state().backoff.failures).toBe(0)
  })

  it('the replay of a request sent with an older token takes the current one without a refresh', async () => {
    const t = await setup({ answers: [], token: 'valid' })
    await expect(t.refresh.tokenForReplay('an-older-token')).resolves.toBe(t.store.get())
    expect(t.sent).toHaveLength(0)
  })

  it('a failure the client did not expect (a store that throws) reaches the caller as an AuthError, its cause kept', async () => {
    const broken = new Error('the store broke')
    let token: string | null = null
    const store: TokenStore = {
      get: () => token,
      set: (next) => {
        if (token !== null && next !== null) throw broken
        token = next
      },
    }
    const t = await setup({ answers: [], token: 'expired', store })
    const error = await t.refresh.run('manual').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect(error).toMatchObject({ code: 'unexpected', cause: broken })
  })
})
