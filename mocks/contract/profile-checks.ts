import { decodeJwt } from 'jose'
import { encodeAuthRequest, readErrorAnswer, readTokenAnswer, readUserAnswer, type AuthCall, type ProfileResponse, type ResolvedBackendProfile, type TokenResponse } from 'silent-refresh'
import { parseSetCookie, type SetCookie } from './harness'
import { createHttpControl } from './http-control'

/**
 * The checks of `npm run contract` that any backend can be put through, read through its `BackendProfile`: what
 * the client relies on (docs/backend.md), nothing of this project's own dialect. Those that need no test controls
 * run against any server with a test account; those that move the clock or inject a failure run only where the
 * server offers `/__mock` and are otherwise reported as not checked. Mock-only checks (our mock's extras) report a
 * difference, never a failure.
 */
export interface ProfileCheckOptions {
  /** The server's origin, e.g. `http://127.0.0.1:4000`. */
  origin: string
  profile: ResolvedBackendProfile
  /** A test account; without one, only the checks that need no login run. */
  account: { email: string; password: string } | null
  /** A protected API path that answers 2xx with a good token (default: `endpoints.user`, else `/api/me`). */
  resource?: string
  /** Whether `/__mock/clock` and `/__mock/fail` are there (our mock, or a test deployment that copies them). */
  controls: boolean
}

export type CheckOutcome = 'passed' | 'failed' | 'not checked' | 'differs'

export interface CheckResult {
  name: string
  outcome: CheckOutcome
  /** Why it failed, differs or was not checked. */
  detail?: string
  /** A check of our mock's extras: a difference is reported, never counted as a failure. */
  mockOnly?: boolean
}

class CheckFailure extends Error {}

class NotChecked extends Error {}

function must(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailure(message)
}

interface Answer extends ProfileResponse {
  text: string
  setCookies: SetCookie[]
}

interface StoredCookie {
  value: string
  path: string
}

/** A client with a browser's cookie rules that matter here: one jar per host, a cookie sent only under its Path. */
function createProfileClient(origin: string, profile: ResolvedBackendProfile) {
  const jar = new Map<string, StoredCookie>()
  const keyOf = (host: string, name: string) => `${host} ${name}`
  const urlOf = (endpoint: string) => new URL(/^https?:\/\//i.test(endpoint) ? endpoint : origin + endpoint)
  const pathMatches = (requestPath: string, cookiePath: string) =>
    requestPath === cookiePath || (requestPath.startsWith(cookiePath) && (cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/'))

  async function send(method: string, endpoint: string, options: { call?: AuthCall; token?: string; auth?: boolean } = {}): Promise<Answer> {
    const url = urlOf(endpoint)
    const headers = new Headers(options.auth ? profile.authHeaders : {})
    if (options.token !== undefined) headers.set('Authorization', `Bearer ${options.token}`)
    // The body the client would send: the profile's writeRequest (the contract's JSON by default).
    const encoded = options.call === undefined ? undefined : encodeAuthRequest(profile, options.call)
    if (encoded) headers.set('Content-Type', encoded.contentType)
    const cookies = [...jar].filter(([key, cookie]) => key.startsWith(`${url.host} `) && pathMatches(url.pathname, cookie.path))
    if (cookies.length > 0) headers.set('Cookie', cookies.map(([key, cookie]) => `${key.slice(url.host.length + 1)}=${cookie.value}`).join('; '))
    const payload = encoded === undefined ? undefined : typeof encoded.data === 'string' ? encoded.data : JSON.stringify(encoded.data)
    const response = await fetch(url, { method, headers, body: payload })
    const text = await response.text()
    let body: unknown = text === '' ? undefined : text
    if ((response.headers.get('content-type') ?? '').includes('json') && text !== '') {
      try {
        body = JSON.parse(text)
      } catch {
        body = text
      }
    }
    const setCookies = response.headers.getSetCookie().map(parseSetCookie)
    for (const cookie of setCookies) {
      const expires = typeof cookie.attributes.expires === 'string' ? Date.parse(cookie.attributes.expires) : NaN
      const gone = cookie.attributes['max-age'] === '0' || cookie.value === '' || (Number.isFinite(expires) && expires <= Date.now() - 24 * 3600_000)
      const path = typeof cookie.attributes.path === 'string' ? cookie.attributes.path : url.pathname.replace(/\/[^/]*$/, '') || '/'
      if (gone) jar.delete(keyOf(url.host, cookie.name))
      else jar.set(keyOf(url.host, cookie.name), { value: cookie.value, path })
    }
    return { status: response.status, header: (name) => response.headers.get(name), body, text, setCookies }
  }

  return {
    send,
    /** The auth calls, as the client makes them: the profile's method and headers, the body its writeRequest writes. */
    auth: (endpoint: string, call: AuthCall, token?: string) => send(profile.methods[call.endpoint], endpoint, { call, auth: true, ...(token ? { token } : {}) }),
    cookie: (endpoint: string, name: string) => jar.get(keyOf(urlOf(endpoint).host, name))?.value,
    setCookie: (endpoint: string, name: string, cookie: StoredCookie) => void jar.set(keyOf(urlOf(endpoint).host, name), cookie),
    storedCookie: (endpoint: string, name: string) => jar.get(keyOf(urlOf(endpoint).host, name)),
  }
}

type ProfileClient = ReturnType<typeof createProfileClient>

const describeAnswer = (answer: Answer) => `${answer.status} ${answer.text.slice(0, 120).replace(/\s+/g, ' ')}`

interface SignedIn {
  client: ProfileClient
  read: TokenResponse
  /** The name of the cookie the login set HttpOnly: the refresh cookie. */
  cookieName: string
}

/** Runs every check in order; a check whose prerequisite failed is "not checked", so one fault is counted once. */
export async function runProfileChecks(options: ProfileCheckOptions): Promise<CheckResult[]> {
  const { profile, account, origin } = options
  const { endpoints, methods } = profile
  const resource = options.resource ?? endpoints.user ?? '/api/me'
  const control = options.controls ? createHttpControl(() => origin) : null
  const results: CheckResult[] = []

  async function check(name: string, run: () => Promise<void>, flags: { mockOnly?: boolean } = {}): Promise<boolean> {
    try {
      await run()
      results.push({ name, outcome: 'passed', ...flags })
      return true
    } catch (error) {
      if (error instanceof NotChecked) results.push({ name, outcome: 'not checked', detail: error.message, ...flags })
      else {
        const detail = error instanceof Error ? error.message : String(error)
        results.push({ name, outcome: flags.mockOnly ? 'differs' : 'failed', detail, ...flags })
      }
      return false
    }
  }
  const needAccount = () => {
    if (!account) throw new NotChecked('needs a test account: --user email:password')
    return account
  }
  const needControls = () => {
    if (!control) throw new NotChecked('needs the /__mock clock and fail controls, which this server does not offer')
    return control
  }
  const needs = <T>(value: T | null, what: string): T => {
    if (value === null) throw new NotChecked(`needs ${what}, which failed above`)
    return value
  }

  async function login(client = createProfileClient(origin, profile)): Promise<SignedIn> {
    const { email, password } = needAccount()
    const answer = await client.auth(endpoints.login, { endpoint: 'login', email, password })
    must(answer.status >= 200 && answer.status < 300, `${methods.login} ${endpoints.login} answered ${describeAnswer(answer)}`)
    const read = readTokenAnswer(profile, answer.body, `${methods.login} ${endpoints.login}`)
    const refreshCookie = answer.setCookies.find((cookie) => cookie.value !== '' && cookie.attributes.httponly === true)
    must(refreshCookie, `${methods.login} ${endpoints.login} set no HttpOnly cookie (the refresh token's); it set: ${answer.setCookies.map((c) => c.name).join(', ') || 'none'}`)
    return { client, read, cookieName: refreshCookie.name }
  }

  async function refresh(session: SignedIn, token?: string): Promise<Answer> {
    return session.client.auth(endpoints.refresh, { endpoint: 'refresh' }, token)
  }

  const refreshed = async (session: SignedIn, token?: string): Promise<TokenResponse> => {
    const answer = await refresh(session, token)
    must(answer.status >= 200 && answer.status < 300 && !profile.isRefreshRefused(answer), `${methods.refresh} ${endpoints.refresh} answered ${describeAnswer(answer)}`)
    return readTokenAnswer(profile, answer.body, `${methods.refresh} ${endpoints.refresh}`)
  }

  async function expectAccepted(client: ProfileClient, token: string): Promise<void> {
    const answer = await client.send('GET', resource, { token })
    const hint = answer.status === 404 ? ` (pass a protected path with --resource)` : ''
    must(answer.status >= 200 && answer.status < 300, `GET ${resource} with the access token answered ${describeAnswer(answer)}${hint}`)
    must(!profile.isTokenRejected(answer), `the profile's isTokenRejected calls GET ${resource}'s ${answer.status} answer a rejected token`)
  }

  /** The user endpoint's answer read through the profile's readUserResponse (readUserAnswer: an id, or its BackendProfileError). */
  async function userFromEndpoint(client: ProfileClient, endpoint: string, token: string): Promise<{ email: string }> {
    const answer = await client.send(methods.user, endpoint, { token })
    must(answer.status >= 200 && answer.status < 300, `${methods.user} ${endpoint} answered ${describeAnswer(answer)}`)
    return readUserAnswer(profile, answer.body, `${methods.user} ${endpoint}`)
  }

  /** An email read for the user, where the backend names one at all, is the test account's. */
  function expectAccountEmail(read: string): void {
    const email = needAccount().email
    must(read === '' || read.toLowerCase() === email.toLowerCase(), `the user read is ${read}, not the test account ${email}`)
  }

  const expectRefused = (answer: Answer, what: string) =>
    must(profile.isRefreshRefused(answer), `${what}: the profile's isRefreshRefused says no to ${describeAnswer(answer)}`)

  // --- Login --------------------------------------------------------------------------------------------------------
  let session: SignedIn | null = null
  await check(`login with the test account: a token readTokenResponse reads, and an HttpOnly refresh cookie`, async () => {
    session = await login()
  })

  await check('login with a wrong password is refused: a 4xx, no token, no cookie', async () => {
    const { email, password } = needAccount()
    const answer = await createProfileClient(origin, profile).auth(endpoints.login, { endpoint: 'login', email, password: `${password}-wrong` })
    must(answer.status >= 400 && answer.status < 500, `${methods.login} ${endpoints.login} with a wrong password answered ${describeAnswer(answer)}`)
    must(!answer.setCookies.some((cookie) => cookie.value !== ''), `${methods.login} ${endpoints.login} with a wrong password set a cookie`)
    const read = readErrorAnswer(profile, answer)
    must(read.code === 'invalid_credentials', `the profile's readError reads the wrong password's answer (${describeAnswer(answer)}) as ${JSON.stringify(read.code ?? 'unknown')}, not invalid_credentials: the app cannot say "wrong email or password"`)
  })

  await check(`the access token's lifetime can be read: a JWT's exp, or expiresIn`, async () => {
    const { read } = needs<SignedIn>(session, 'a login')
    let exp: unknown
    try {
      exp = decodeJwt(read.accessToken).exp
    } catch {
      exp = undefined
    }
    must(typeof exp === 'number' || read.expiresIn !== undefined, 'the token is not a JWT with exp and readTokenResponse gives no expiresIn: the client cannot tell when to refresh')
  })

  await check('the user is read as the profile says: from the answer, the token (sub, email, name) or endpoints.user', async () => {
    const { read, client } = needs<SignedIn>(session, 'a login')
    // The answer's user (readTokenAnswer checked its id), else the token's claims, else the user endpoint's.
    let user: { email: string } | undefined = read.user
    if (!user) {
      try {
        const { sub, email } = decodeJwt(read.accessToken)
        if (typeof sub === 'string' && sub !== '') user = { email: typeof email === 'string' ? email : '' }
      } catch {
        // Not a JWT: the user endpoint must say.
      }
    }
    if (!user) {
      must(endpoints.user, 'the login answer has no user, the token names none (sub) and the profile has no endpoints.user')
      user = await userFromEndpoint(client, endpoints.user, read.accessToken)
    }
    expectAccountEmail(user.email)
  })

  // --- The user endpoint, where the profile names one: its answer read by readUserResponse ----------------------
  const userEndpoint = endpoints.user
  if (userEndpoint) {
    await check(`${methods.user} ${userEndpoint} with the access token answers the signed-in user, which readUserResponse reads (an id, the test account's email)`, async () => {
      const { read, client } = needs<SignedIn>(session, 'a login')
      expectAccountEmail((await userFromEndpoint(client, userEndpoint, read.accessToken)).email)
    })
  }

  await check(`the refresh cookie is HttpOnly`, async () => {
    const { client, cookieName } = needs<SignedIn>(session, 'a login')
    must(client.storedCookie(endpoints.refresh, cookieName), `the cookie ${cookieName} is not sent to ${endpoints.refresh} (its Path does not cover it)`)
  })

  await check('the refresh cookie is Secure and SameSite=Strict, as our contract writes it', async () => {
    needs<SignedIn>(session, 'a login')
    const { email, password } = needAccount()
    const answer = await createProfileClient(origin, profile).auth(endpoints.login, { endpoint: 'login', email, password })
    const cookie = answer.setCookies.find((c) => c.attributes.httponly === true && c.value !== '')
    must(cookie?.attributes.secure === true && cookie.attributes.samesite === 'Strict', `the cookie says: ${cookie?.raw.replace(/=[^;]*/, '=…') ?? 'none'}`)
  }, { mockOnly: true })

  // --- The API ------------------------------------------------------------------------------------------------------
  await check(`the API (GET ${resource}) accepts the access token`, async () => {
    const { client, read } = needs<SignedIn>(session, 'a login')
    await expectAccepted(client, read.accessToken)
  })

  await check(`a garbage access token gets the rejection the profile describes (isTokenRejected) at GET ${resource}`, async () => {
    const answer = await createProfileClient(origin, profile).send('GET', resource, { token: 'not-a-token.garbage.garbage' })
    must(answer.status !== 404, `GET ${resource} answered 404 (pass a protected path with --resource)`)
    must(profile.isTokenRejected(answer), `the profile's isTokenRejected says no to ${describeAnswer(answer)}`)
  })

  // --- Refresh ------------------------------------------------------------------------------------------------------
  await check('a refresh without a cookie is refused (isRefreshRefused)', async () => {
    expectRefused(await createProfileClient(origin, profile).auth(endpoints.refresh, { endpoint: 'refresh' }), `${methods.refresh} ${endpoints.refresh} without a cookie`)
  })

  let first: string | null = null
  let rotatedOnce = false
  await check('a refresh rotates the cookie and answers a token readTokenResponse reads, which the API accepts', async () => {
    const signedIn = needs<SignedIn>(session, 'a login')
    first = signedIn.client.cookie(endpoints.refresh, signedIn.cookieName) ?? null
    const read = await refreshed(signedIn, signedIn.read.accessToken)
    const second = signedIn.client.cookie(endpoints.refresh, signedIn.cookieName)
    must(second && second !== first, `${methods.refresh} ${endpoints.refresh} did not set a new ${signedIn.cookieName} cookie`)
    await expectAccepted(signedIn.client, read.accessToken)
    signedIn.read = read
    rotatedOnce = true
  })

  if (profile.reuseInterval) {
    await check('the cookie a rotation just replaced, sent again at once, gets the current cookie back (the profile declares a reuse interval)', async () => {
      const signedIn = needs<SignedIn>(rotatedOnce ? session : null, 'a rotation')
      const current = signedIn.client.storedCookie(endpoints.refresh, signedIn.cookieName)!
      signedIn.client.setCookie(endpoints.refresh, signedIn.cookieName, { ...current, value: first! })
      const read = await refreshed(signedIn)
      must(signedIn.client.cookie(endpoints.refresh, signedIn.cookieName) === current.value, 'the answer did not give back the current cookie')
      signedIn.read = read
    })
  }

  await check('a reused refresh cookie is refused and ends the login: the current cookie is refused too', async () => {
    const signedIn = needs<SignedIn>(rotatedOnce ? session : null, 'a rotation')
    // Rotate once more, so that the first cookie is older than any reuse interval's grace (the immediate predecessor).
    const read = await refreshed(signedIn, signedIn.read.accessToken)
    const current = signedIn.client.storedCookie(endpoints.refresh, signedIn.cookieName)!
    signedIn.client.setCookie(endpoints.refresh, signedIn.cookieName, { ...current, value: first! })
    expectRefused(await refresh(signedIn), 'the first cookie presented again')
    signedIn.client.setCookie(endpoints.refresh, signedIn.cookieName, current)
    expectRefused(await refresh(signedIn, read.accessToken), 'the current cookie after the reuse')
  })

  await check('logout ends the login: its refresh cookie is refused afterwards', async () => {
    const signedIn = await login()
    const cookie = signedIn.client.storedCookie(endpoints.refresh, signedIn.cookieName)
    must(cookie, `the refresh cookie is not sent to ${endpoints.refresh}`)
    const answer = await signedIn.client.auth(endpoints.logout, { endpoint: 'logout' }, signedIn.read.accessToken)
    must(profile.isLogoutConfirmed(answer), `${methods.logout} ${endpoints.logout} answered ${describeAnswer(answer)}, which the profile's isLogoutConfirmed does not accept`)
    signedIn.client.setCookie(endpoints.refresh, signedIn.cookieName, cookie)
    expectRefused(await refresh(signedIn), 'the cookie of a login that logged out')
  })

  // --- Step-up (RFC 9470), where the profile names a reauthenticate endpoint ---------------------------------------
  const reauthenticate = endpoints.reauthenticate
  if (reauthenticate) {
    await check(`reauthenticate (${methods.reauthenticate} ${reauthenticate}) with the right password answers a token readTokenResponse reads, which the API accepts`, async () => {
      const signedIn = await login()
      const answer = await signedIn.client.auth(reauthenticate, { endpoint: 'reauthenticate', password: needAccount().password }, signedIn.read.accessToken)
      must(answer.status >= 200 && answer.status < 300, `${methods.reauthenticate} ${reauthenticate} answered ${describeAnswer(answer)}`)
      await expectAccepted(signedIn.client, readTokenAnswer(profile, answer.body, `${methods.reauthenticate} ${reauthenticate}`).accessToken)
    })
    await check(`reauthenticate with a wrong password is refused: a 4xx, no token`, async () => {
      const signedIn = await login()
      const answer = await signedIn.client.auth(reauthenticate, { endpoint: 'reauthenticate', password: `${needAccount().password}-wrong` }, signedIn.read.accessToken)
      must(answer.status >= 400 && answer.status < 500, `${methods.reauthenticate} ${reauthenticate} with a wrong password answered ${describeAnswer(answer)}`)
      must(profile.isStepUpRequired(answer) === null, `the profile's isStepUpRequired reads the wrong password's ${answer.status} as a step-up`)
    })
    await check('after 6 idle minutes a sensitive action (POST /api/auth/sessions/sign-out-others) gets the step-up the profile describes (isStepUpRequired); after reauthenticate it goes through', async () => {
      const clock = needControls()
      const signedIn = await login()
      await clock.advanceClock(6 * 60 * 1000)
      const asked = await signedIn.client.send('POST', '/api/auth/sessions/sign-out-others', { token: signedIn.read.accessToken })
      must(profile.isStepUpRequired(asked) !== null, `the profile's isStepUpRequired says no to ${describeAnswer(asked)}`)
      const answer = await signedIn.client.auth(reauthenticate, { endpoint: 'reauthenticate', password: needAccount().password }, signedIn.read.accessToken)
      const token = readTokenAnswer(profile, answer.body, `${methods.reauthenticate} ${reauthenticate}`).accessToken
      const done = await signedIn.client.send('POST', '/api/auth/sessions/sign-out-others', { token })
      must(done.status >= 200 && done.status < 300, `after reauthenticate, the sensitive action answered ${describeAnswer(done)}`)
    }, { mockOnly: true })
  }

  // --- With the mock's controls -------------------------------------------------------------------------------------
  await check(`an expired access token gets the rejection the profile describes; a refresh then brings one GET ${resource} accepts`, async () => {
    const clock = needControls()
    const signedIn = await login()
    let lifetimeS = signedIn.read.expiresIn
    try {
      const { exp, iat } = decodeJwt(signedIn.read.accessToken)
      if (typeof exp === 'number') lifetimeS = exp - (typeof iat === 'number' ? iat : Math.floor(Date.now() / 1000))
    } catch {
      // Opaque: expiresIn says.
    }
    must(lifetimeS !== undefined, 'the token lifetime cannot be read')
    await clock.advanceClock((lifetimeS + 1) * 1000)
    const expired = await signedIn.client.send('GET', resource, { token: signedIn.read.accessToken })
    must(profile.isTokenRejected(expired), `after expiry, the profile's isTokenRejected says no to ${describeAnswer(expired)}`)
    const read = await refreshed(signedIn, signedIn.read.accessToken)
    await expectAccepted(signedIn.client, read.accessToken)
  })

  await check('a refresh that fails in passing (500) is not a session end, and the same cookie works afterwards', async () => {
    const faults = needControls()
    const signedIn = await login()
    await faults.failNext('refresh', 500)
    const failed = await refresh(signedIn)
    must(!profile.isRefreshRefused(failed), `the profile's isRefreshRefused ends the session on ${describeAnswer(failed)}`)
    await refreshed(signedIn)
  })

  if (profile.reuseInterval) {
    await check('a lost refresh answer: the old cookie sent again gets the current one (the reuse interval)', async () => {
      const faults = needControls()
      const signedIn = await login()
      await faults.failNext('refresh', 'lost-response')
      const lost = await refresh(signedIn).then(
        () => false,
        () => true,
      )
      must(lost, 'the answer was not lost (failNext "lost-response")')
      await refreshed(signedIn)
    })
  }

  return results
}

export interface CheckSummary {
  checked: number
  passed: number
  failed: number
  notChecked: number
  /** Mock-only checks where the server differs from our mock: reported, never a failure. */
  differs: number
}

export function summarize(results: Array<Pick<CheckResult, 'outcome'>>): CheckSummary {
  const count = (outcome: CheckOutcome) => results.filter((result) => result.outcome === outcome).length
  const passed = count('passed')
  const failed = count('failed')
  const differs = count('differs')
  return { checked: passed + failed + differs, passed, failed, notChecked: count('not checked'), differs }
}

/** Non-zero when anything failed, or when nothing at all was checked (a green run that checked nothing is no pass). */
export function exitCodeOf(summary: CheckSummary): number {
  return summary.failed > 0 || summary.checked === 0 ? 1 : 0
}

const MARK: Record<CheckOutcome, string> = { passed: 'ok  ', failed: 'FAIL', 'not checked': 'NOT CHECKED', differs: 'differs' }

export function formatResults(results: CheckResult[]): string {
  return results
    .map((result) => {
      const tag = result.mockOnly ? ' [mock-only]' : ''
      const detail = result.detail ? `\n      ${result.detail}` : ''
      return `  ${MARK[result.outcome]}  ${result.name}${tag}${detail}`
    })
    .join('\n')
}

export function formatSummary(summary: CheckSummary): string {
  const differs = summary.differs > 0 ? ` · ${summary.differs} mock-only differences (not failures)` : ''
  return `checked ${summary.checked} · passed ${summary.passed} · failed ${summary.failed} · not checked ${summary.notChecked}${differs}`
}
