import { isAxiosError } from 'axios'
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { useMockServer } from '../../../../mocks/testing'
import { createTestClient, DEMO } from '../../../../tests/support/auth-client'
import { defaultProfile } from './backend-profile'
import { AuthRequestError, StepUpCancelledError, StepUpRequiredError, StepUpTimeoutError } from './errors'
import { decideFailure } from './request'
import { createStepUp } from './step-up'
import { manualTimers } from '../testing/manual-timers'
import type { AuthClientOptions } from './types'

const MINUTE = 60_000

type StepUpCall = Parameters<NonNullable<AuthClientOptions['onStepUp']>>[0]

function claimsOf(token: string | null): { sid: string; auth_time: number } {
  return JSON.parse(Buffer.from(token!.split('.')[1]!, 'base64url').toString()) as { sid: string; auth_time: number }
}

const answer = (status: number, wwwAuthenticate: string | null) => ({
  status,
  header: (name: string) => (name.toLowerCase() === 'www-authenticate' ? wwwAuthenticate : null),
  body: undefined,
})

describe('step-up: the profile and the decision', () => {
  it("reads RFC 9470's challenge (Bearer or DPoP), its max_age and acr_values; nothing else is a step-up", () => {
    const read = defaultProfile.isStepUpRequired
    expect(read(answer(401, 'Bearer error="insufficient_user_authentication", error_description="sign in again", max_age=300'))).toEqual({ maxAge: 300 })
    expect(read(answer(401, 'DPoP algs="ES256", error="insufficient_user_authentication", acr_values="mfa phr", max_age="60"'))).toEqual({ maxAge: 60, acrValues: ['mfa', 'phr'] })
    expect(read(answer(401, 'Bearer error="insufficient_user_authentication"'))).toEqual({})
    expect(read(answer(401, 'Bearer realm="api", error="invalid_token"'))).toBeNull()
    expect(read(answer(403, 'Bearer error="insufficient_user_authentication", max_age=300'))).toBeNull()
    expect(read(answer(401, null))).toBeNull()
  })

  it('holds a step-up before replaying a rejected token, never twice, and answers a nonce challenge first', () => {
    const base = { target: 'api' as const, dpop: true, replayed: false, nonceRetried: false, nonceChallenge: false, tokenRejected: true }
    expect(decideFailure({ ...base, stepUp: true, steppedUp: false })).toEqual({ action: 'step-up' })
    expect(decideFailure({ ...base, stepUp: true, steppedUp: true })).toEqual({ action: 'fail' })
    expect(decideFailure({ ...base, stepUp: true, nonceChallenge: true })).toEqual({ action: 'resend-with-nonce' })
    expect(decideFailure({ ...base, stepUp: false })).toEqual({ action: 'replay' })
    expect(decideFailure({ ...base, target: 'auth', stepUp: true })).toEqual({ action: 'fail' })
  })
})

describe('step-up: the one prompt (createStepUp)', () => {
  it("a request sent before a prompt was answered shares that answer, even when its own step-up answer comes later; a request sent after asks again", async () => {
    const prompts: { resolve(): void; reject(error: unknown): void }[] = []
    const stepUp = createStepUp({
      onStepUp: () => new Promise<void>((resolve, reject) => prompts.push({ resolve, reject })),
      timeoutMs: MINUTE,
      timers: manualTimers().timers,
    })
    const sentEarly = stepUp.round()
    const sentLate = stepUp.round()
    const first = stepUp.hold({ maxAge: 300 }, sentEarly)
    await expect.poll(() => prompts.length).toBe(1)
    prompts[0]!.reject(new Error('Cancel'))
    await expect(first).rejects.toBeInstanceOf(StepUpCancelledError)
    // The slower request's answer: sent before the person cancelled, so it is cancelled with it (no second prompt).
    await expect(stepUp.hold({ maxAge: 300 }, sentLate)).rejects.toBeInstanceOf(StepUpCancelledError)
    expect(prompts).toHaveLength(1)
    // A request sent now asks again.
    const again = stepUp.hold({ maxAge: 300 }, stepUp.round())
    await expect.poll(() => prompts.length).toBe(2)
    prompts[1]!.resolve()
    await expect(again).resolves.toBeUndefined()
    expect(stepUp.round()).toBe(2)
  })
})

describe('step-up on the client request path (the mock: auth_time within stepUpMaxAgeMs)', () => {
  const { mockControl, server } = useMockServer({ dpop: 'optional' })

  /** Holds every request to `path` until the returned function is called, then lets the mock answer it. */
  function holdRequests(path: string) {
    let open!: () => void
    const gate = new Promise<void>((resolve) => (open = resolve))
    server.use(http.all(`*${path}`, async () => {
      await gate
    }))
    return open
  }

  /** A client whose prompt is answered by the test: `calls` records each prompt, `answer` settles the open one. */
  function promptingClient(options: Partial<AuthClientOptions> = {}) {
    const calls: StepUpCall[] = []
    let settle: { resolve(): void; reject(error: unknown): void } | null = null
    const t = createTestClient({
      onStepUp: (call) => {
        calls.push(call)
        return new Promise<void>((resolve, reject) => {
          settle = { resolve, reject }
        })
      },
      ...options,
    })
    const opened = async () => {
      await expect.poll(() => calls.length, { interval: 5 }).toBeGreaterThan(0)
    }
    return { ...t, calls, opened, settle: () => settle! }
  }

  it('two sensitive requests after 10 idle minutes raise ONE prompt; after reauthenticate both are replayed once', async () => {
    const t = promptingClient()
    await t.signIn()
    const before = claimsOf(t.store.get())
    await mockControl.advanceClock(10 * MINUTE)

    const change = t.client.http.put('/me/password', { newPassword: 'a-new-password-1' })
    const others = t.client.http.post('/auth/sessions/sign-out-others')
    await t.opened()
    await t.client.reauthenticate({ password: DEMO.password })
    t.settle().resolve()

    expect((await change).status).toBe(204)
    expect((await others).data).toEqual({ signedOut: 0 })
    expect(t.calls).toHaveLength(1)
    expect(t.calls[0]).toMatchObject({ maxAge: 300 })
    const stats = await mockControl.stats()
    expect(stats.stepUpChallenges).toBe(2)
    expect(stats.reauthentications).toBe(1)
    // Each was sent twice: the step-up's 401, then its one replay.
    expect(stats.requestsByEndpoint.password).toBe(2)
    expect(stats.requestsByEndpoint.sessions).toBe(2)
    // Same login, fresh auth_time; no refresh was needed for it.
    const after = claimsOf(t.store.get())
    expect(after.sid).toBe(before.sid)
    expect(after.auth_time).toBeGreaterThanOrEqual(before.auth_time + 600)
    expect(stats.refreshCalls).toBe(0)
    expect(t.events.filter((event) => event.type === 'refresh-success')).toHaveLength(0)
  })

  it('a wrong password rejects reauthenticate (invalid_credentials) and keeps the request held until the right one', async () => {
    const t = promptingClient()
    await t.signIn()
    await mockControl.advanceClock(10 * MINUTE)
    let settled = false
    const change = t.client.http.put('/me/password', { newPassword: 'a-new-password-1' }).finally(() => (settled = true))
    await t.opened()

    const wrong = await t.client.reauthenticate({ password: 'not-the-password' }).catch((error: unknown) => error)
    expect(wrong).toBeInstanceOf(AuthRequestError)
    expect(wrong).toMatchObject({ code: 'invalid_credentials', status: 401 })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(settled).toBe(false)

    await t.client.reauthenticate({ password: DEMO.password })
    t.settle().resolve()
    expect((await change).status).toBe(204)
    expect(t.calls).toHaveLength(1)
  })

  it('wrong passwords count toward the login limiter: the sixth is 429 too_many_attempts', async () => {
    const t = createTestClient()
    await t.signIn()
    for (let i = 0; i < 5; i++) {
      await expect(t.client.reauthenticate({ password: 'wrong-password' })).rejects.toMatchObject({ code: 'invalid_credentials' })
    }
    await expect(t.client.reauthenticate({ password: DEMO.password })).rejects.toMatchObject({ code: 'too_many_attempts', status: 429 })
  })

  it('cancelled: every held request rejects with StepUpCancelledError and none is sent again', async () => {
    const t = promptingClient()
    await t.signIn()
    await mockControl.advanceClock(10 * MINUTE)
    const change = t.client.http.put('/me/password', { newPassword: 'a-new-password-1' }).catch((error: unknown) => error)
    const others = t.client.http.post('/auth/sessions/sign-out-others').catch((error: unknown) => error)
    await t.opened()
    t.settle().reject(new Error('the person pressed Cancel'))

    for (const error of [await change, await others]) {
      expect(error).toBeInstanceOf(StepUpCancelledError)
      expect(error).toMatchObject({ code: 'step_up_cancelled', maxAge: 300 })
    }
    expect(t.calls).toHaveLength(1)
    const stats = await mockControl.stats()
    expect(stats.requestsByEndpoint.password + stats.requestsByEndpoint.sessions).toBe(2)
  })

  it("two sensitive requests sent together: the slower one's step-up answer, arriving after the person cancelled, is cancelled too (no second prompt)", async () => {
    const t = promptingClient()
    await t.signIn()
    await mockControl.advanceClock(10 * MINUTE)
    const release = holdRequests('/api/auth/sessions/sign-out-others')
    const change = t.client.http.put('/me/password', { newPassword: 'a-new-password-1' }).catch((error: unknown) => error)
    const others = t.client.http.post('/auth/sessions/sign-out-others').catch((error: unknown) => error)
    await t.opened()
    t.settle().reject(new Error('the person pressed Cancel'))
    expect(await change).toBeInstanceOf(StepUpCancelledError)
    release()
    expect(await others).toBeInstanceOf(StepUpCancelledError)
    expect(t.calls).toHaveLength(1)
    expect((await mockControl.stats()).stepUpChallenges).toBe(2)
  })

  it("two sensitive requests sent together: the slower one's step-up answer, arriving after the person re-verified, is replayed without asking again", async () => {
    const t = promptingClient()
    await t.signIn()
    await mockControl.advanceClock(10 * MINUTE)
    const release = holdRequests('/api/auth/sessions/sign-out-others')
    const change = t.client.http.put('/me/password', { newPassword: 'a-new-password-1' })
    const others = t.client.authorizedFetch('/auth/sessions/sign-out-others', { method: 'POST' })
    await t.opened()
    await t.client.reauthenticate({ password: DEMO.password })
    t.settle().resolve()
    expect((await change).status).toBe(204)
    release()
    expect((await others).status).toBe(200)
    expect(t.calls).toHaveLength(1)
    expect((await mockControl.stats()).requestsByEndpoint.sessions).toBe(2)
  })

  it('a prompt never answered times out after stepUpTimeoutMs (on the client timers): held requests reject, the prompt is told', async () => {
    const t = promptingClient({ stepUpTimeoutMs: 2 * MINUTE })
    await t.signIn()
    await mockControl.advanceClock(10 * MINUTE)
    const change = t.client.http.put('/me/password', { newPassword: 'a-new-password-1' }).catch((error: unknown) => error)
    await t.opened()
    t.time!.advance(2 * MINUTE - 1)
    expect(t.calls[0]!.signal.aborted).toBe(false)
    t.time!.advance(1)
    const error = await change
    expect(error).toBeInstanceOf(StepUpTimeoutError)
    expect(error).toMatchObject({ code: 'step_up_timeout', timeoutMs: 2 * MINUTE })
    expect(t.calls[0]!.signal.aborted).toBe(true)
    // The next sensitive request asks again.
    void t.client.http.put('/me/password', { newPassword: 'a-new-password-1' }).catch(() => undefined)
    await expect.poll(() => t.calls.length, { interval: 5 }).toBe(2)
    t.settle().reject(new Error('done'))
  })

  it('without onStepUp the 401 reaches the caller as StepUpRequiredError with max_age', async () => {
    const t = createTestClient()
    await t.signIn()
    await mockControl.advanceClock(10 * MINUTE)
    const error = await t.client.http.put('/me/password', { newPassword: 'a-new-password-1' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StepUpRequiredError)
    expect(error).toMatchObject({ code: 'step_up_required', maxAge: 300 })
    expect((await mockControl.stats()).requestsByEndpoint.password).toBe(1)
  })

  it('a replay that meets a step-up again is not held again (no loop)', async () => {
    const t = promptingClient()
    await t.signIn()
    await mockControl.configure({ stepUpMaxAgeMs: 1000 })
    await mockControl.advanceClock(10 * MINUTE)
    const change = t.client.http.put('/me/password', { newPassword: 'a-new-password-1' }).catch((error: unknown) => error)
    await t.opened()
    await t.client.reauthenticate({ password: DEMO.password })
    await mockControl.advanceClock(2000) // the re-verification is already too old when the replay arrives
    t.settle().resolve()
    const error = await change
    expect(isAxiosError(error) && error.response?.status).toBe(401)
    expect(t.calls).toHaveLength(1)
    expect((await mockControl.stats()).requestsByEndpoint.password).toBe(2)
  })

  it('authorizedFetch holds a step-up behind the same one prompt and replays once', async () => {
    const t = promptingClient()
    await t.signIn()
    await mockControl.advanceClock(10 * MINUTE)
    const fetched = t.client.authorizedFetch('/auth/sessions/sign-out-others', { method: 'POST' })
    const viaAxios = t.client.http.put('/me/password', { newPassword: 'a-new-password-1' })
    await t.opened()
    await t.client.reauthenticate({ password: DEMO.password })
    t.settle().resolve()
    const response = await fetched
    expect(response.status).toBe(200)
    expect((await viaAxios).status).toBe(204)
    expect(t.calls).toHaveLength(1)
  })
})
