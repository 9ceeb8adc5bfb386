import axios, { CanceledError, isAxiosError, type AxiosInstance, type AxiosResponse, type GenericAbortSignal, type InternalAxiosRequestConfig } from 'axios'
import { isDpopNonceChallenge, withDpopNonceRetry, type DpopKey, type ResponseHeaders } from './dpop'
import { asAuthError, DpopKeyLostError, DpopUnavailableError, notAuthenticatedError, RefreshUnavailableError, sessionExpiredError } from './errors'
import { authorizationHeaders, sentAccessToken, toProfileResponse } from './http'
import { decodeAccessToken, type CurrentToken, type TokenReader } from './token'
import type { DpopParts, ProfileResponse, StepUpChallenge } from './types'

/*
 * The request path of the app's axios instance: which requests are the API's (`requestTarget`), what a request
 * needs before it is sent and what a failed one does next (`decideRequest`, `decideFailure`: pure), the
 * credentials it carries (Bearer, or DPoP with a proof: `createRequestCredentials`), and the interceptors that
 * carry those decisions out (`installInterceptors`).
 */

/** What a request of the app instance is aimed at: the API, its auth endpoints, or elsewhere. */
export type RequestTarget = 'api' | 'auth' | 'foreign'

/** An absolute URL as axios tells one (`isAbsoluteURL`): a scheme and `//`, or `//` alone (protocol-relative). */
const ABSOLUTE_URL = /^([a-z][a-z\d+\-.]*:)?\/\//i

/** A `.` or `..` segment (also percent-encoded, or after a backslash): the browser resolves it before sending. */
const DOT_SEGMENT = /(?:^|[/\\])(?:\.|%2e){1,2}(?:[/\\?#]|$)/i

/**
 * A URL the browser sends as written once it is joined to the base: printable ASCII with no space and no backslash.
 * Anything else (a backslash, which reads as a slash; a tab or newline, which the URL parser deletes, joining a hidden
 * `..`; a space at either end, which it trims) is resolved as the browser resolves it.
 */
const PLAIN = /^[!-[\]-~]*$/

/** Stand-in origins for relative URLs: two, so that a URL naming one of them as its host is still told apart. */
const HERE = 'http://here.relative.invalid'
const THERE = 'http://there.relative.invalid'

/** Where a URL goes: `relative` when it takes the page's origin (and `url` holds a stand-in origin), else its own. */
interface Destination {
  relative: boolean
  url: URL
}

/** A URL resolved with the WHATWG parser, as the browser resolves it before sending; `null` when it cannot be sent. */
function destination(url: string): Destination | null {
  try {
    const here = new URL(url, HERE)
    if (here.origin !== HERE) return { relative: false, url: here }
    // The stand-in's host: from the stand-in (a relative URL) or written in the URL itself (`//here.relative.invalid`).
    return new URL(url, THERE).origin === THERE ? { relative: true, url: here } : { relative: false, url: here }
  } catch {
    return null
  }
}

/** The API's base URL as a destination and its path without trailing slashes (`''` at the origin root), kept for the last base seen. */
let lastBase: { apiBase: string; destination: Destination | null; root: string; plain: boolean } | null = null
function parsedBase(apiBase: string) {
  if (lastBase?.apiBase !== apiBase) {
    const parsed = destination(apiBase)
    const plain = parsed !== null && PLAIN.test(apiBase) && !DOT_SEGMENT.test(apiBase) && !/[?#]/.test(apiBase)
    lastBase = { apiBase, destination: parsed, root: parsed?.url.pathname.replace(/\/+$/, '') ?? '', plain }
  }
  return lastBase
}

function join(base: string, url: string): string {
  if (url === '') return base
  return `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`
}

/**
 * The URL a request is sent to, as axios builds it (`buildFullPath`): joined to the request's base unless it is
 * absolute (a scheme and `//`, or `//` alone) and absolute URLs are allowed.
 *
 * @example
 * fullRequestURL('/api', 'posts') // '/api/posts'
 * fullRequestURL('/api', '//evil.example/x') // '//evil.example/x'
 */
export function fullRequestURL(requestBase: string | undefined, url: string | undefined, allowAbsoluteUrls?: boolean): string {
  const path = url ?? ''
  return requestBase && (!ABSOLUTE_URL.test(path) || allowAbsoluteUrls === false) ? join(requestBase, path) : path
}

/**
 * Only requests under the API's base URL get the access token (a token never leaks to another
 * origin), and its session endpoints (`/auth/login`, `/signup`, `/refresh`, `/logout`) are left alone (they manage
 * the session themselves, by cookie); `/auth/sessions` (signed-in devices) is an API resource.
 *
 * The URL is resolved as the browser resolves it before sending (the WHATWG URL parser: dot segments, backslashes
 * read as slashes, tabs and newlines deleted, `//host` taking another origin), then compared with the base: the
 * same origin, and a path equal to the base's or under it segment by segment (`/api/x`, never `/apiary`). A relative
 * base (`/api`, `/`) is on the page's origin: only a relative URL that stays on it can be the API's; an absolute
 * URL is compared as written, so with a relative base it reads as foreign. `allowAbsoluteUrls` is axios's option of
 * that name (`false`: an absolute URL is joined to the base too).
 *
 * @example
 * requestTarget('/', '/', '//evil.example/x') // 'foreign'
 * requestTarget('/api', '/api', '../admin') // 'foreign'
 * requestTarget('/api', '/api', 'auth/refresh') // 'auth'
 */
export function requestTarget(apiBase: string, requestBase: string | undefined, url: string | undefined, allowAbsoluteUrls?: boolean): RequestTarget {
  const path = url ?? ''
  const base = parsedBase(apiBase)
  // The common case, on every request: a plain relative URL on the instance's own plain base stays under it (joining
  // always puts a slash between them, so it cannot name a host) unless a `..` takes it out.
  if (base.plain && requestBase === apiBase && !ABSOLUTE_URL.test(path) && PLAIN.test(path) && !DOT_SEGMENT.test(path)) {
    return isAuthPath(path.replace(/^\/+/, '')) ? 'auth' : 'api'
  }
  const sent = destination(fullRequestURL(requestBase, path, allowAbsoluteUrls))
  const api = base.destination
  if (!sent || !api || sent.relative !== api.relative || sent.url.origin !== api.url.origin) return 'foreign'
  const { pathname } = sent.url
  if (pathname !== base.root && !pathname.startsWith(`${base.root}/`)) return 'foreign'
  return isAuthPath(pathname.slice(base.root.length).replace(/^\/+/, '') + sent.url.search) ? 'auth' : 'api'
}

/**
 * The session endpoints the client calls itself with the refresh cookie (`auth/login`, `auth/signup`,
 * `auth/refresh`, `auth/logout`, and `auth` itself), relative to the API base. Any other path under `auth/` (the
 * signed-in devices, `auth/sessions`) is a resource protected by the access token like any other.
 */
const SESSION_ENDPOINT = /^auth(?:\/(?:login|signup|refresh|logout)\/?)?(?:[?#]|$)/

function isAuthPath(relative: string): boolean {
  return SESSION_ENDPOINT.test(relative)
}

/**
 * Waits for `promise` unless the request's signal fires first, in which case it rejects at once
 * with axios's `CanceledError` (what axios itself throws for an aborted request). The promise
 * itself (a shared refresh) carries on for its other waiters.
 */
export function abortable<T>(promise: Promise<T>, config: InternalAxiosRequestConfig): Promise<T> {
  const signal: GenericAbortSignal | undefined = config.signal
  if (!signal) return promise
  const cancelled = () => new CanceledError<unknown>('Request aborted while waiting for a token refresh', config)
  if (signal.aborted) return Promise.reject(cancelled())
  if (typeof signal.addEventListener !== 'function') return promise
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled())
    signal.addEventListener?.('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener?.('abort', onAbort))
  })
}

type Headers = Record<string, string>

/** How to sign one auth-endpoint request; `headers()` signs anew on each call (a nonce retry needs a new proof). */
export interface SignedAuthRequest {
  headers(): Promise<Headers>
  /** Whether a proof goes with it (a `400 invalid_dpop_proof` then means the proof, not a missing key). */
  proof: boolean
}

/**
 * Every credential the client sends, Bearer or DPoP (RFC 9449): which key signs, for which token and URL.
 * Whether a token is bound is read from the token itself (`cnf.jkt`), so a token from another tab is
 * signed with the key it names. A bound key that is gone rejects with `DpopKeyLostError`.
 */
export interface RequestCredentials {
  /** On unless the client was made with `dpop: false` (or without `dpop`). */
  readonly dpop: boolean
  /** An app request's headers for `token`: Bearer, or `DPoP` with a proof for this method, URL and token. */
  forRequest(token: string, method: string, url: string): Promise<Headers>
  /**
   * The refresh (`POST /auth/refresh`, or the profile's method: the proof's `htm`): the bound key's proof, the stored
   * key's when no token is known, else none.
   */
  forRefresh(token: string | null, url: string, method: string): Promise<SignedAuthRequest>
  /** Login and signup (sent with `method`): a proof from the origin's key (made on first use); none where DPoP cannot work here. */
  forSignIn(url: string, method: string): Promise<SignedAuthRequest & { key: DpopKey | null }>
  /** Logout (sent with `method`): a proof when the session is bound and its key is at hand, else nothing. */
  forLogout(token: string | null, url: string, method: string): Promise<Headers>
  /** Deletes the origin's key (at logout: the next login makes a new one, so logins are not linkable); never rejects. */
  forgetKey(): Promise<void>
  /** Sends, and once more after a nonce challenge; without DPoP it just sends. */
  retryOnNonce<T>(send: () => Promise<T>): Promise<T>
  /** Keeps the server's latest `DPoP-Nonce` (success or error; the callers pass only the API's and the auth endpoints' answers). */
  remember(headers: ResponseHeaders): void
}

export function createRequestCredentials(dpop: DpopParts | null, tokens: TokenReader): RequestCredentials {
  /** The token's `cnf.jkt`: from the reader's cache when it is the current token (always, on the hot path). */
  const boundKeyOf = (token: string): string | null => {
    const current = tokens.read()
    return (current?.token === token ? current.decoded : decodeAccessToken(token))?.boundKey ?? null
  }
  const sign = (key: DpopKey, method: string, url: string, accessToken: string | null) =>
    dpop!.signer.proofFor({ keyPair: key.keyPair, method, url, accessToken })
  const unsigned = (headers: Headers): SignedAuthRequest => ({ headers: () => Promise.resolve(headers), proof: false })

  return {
    dpop: dpop !== null,
    async forRequest(token, method, url) {
      const boundKey = dpop ? boundKeyOf(token) : null
      if (!boundKey) return authorizationHeaders(token)
      const { keyPair } = await dpop!.keys.getBound(boundKey)
      return authorizationHeaders(token, await dpop!.signer.proofFor({ keyPair, method, url, accessToken: token }))
    },
    async forRefresh(token, url, method) {
      const boundKey = dpop && token ? boundKeyOf(token) : null
      if (!dpop || (token && !boundKey)) return unsigned(token ? authorizationHeaders(token) : {})
      // After a reload no token is known: sign with the stored key if there is one (the server ignores it for an unbound login).
      const key = boundKey ? await dpop.keys.getBound(boundKey) : await dpop.keys.get().catch(orNullIfUnavailable)
      if (!key) return unsigned({})
      return {
        proof: true,
        headers: async () => {
          const proof = await sign(key, method, url, token)
          return token ? authorizationHeaders(token, proof) : { DPoP: proof }
        },
      }
    },
    async forSignIn(url, method) {
      const key = dpop ? await dpop.keys.getOrCreate().catch(orNullIfUnavailable) : null
      if (!key) return { ...unsigned({}), key: null }
      return { key, proof: true, headers: async () => ({ DPoP: await sign(key, method, url, null) }) }
    },
    async forLogout(token, url, method): Promise<Headers> {
      const boundKey = dpop && token ? boundKeyOf(token) : null
      if (!boundKey) return {}
      const key = await dpop!.keys.getBound(boundKey).catch(() => null)
      return key ? { DPoP: await sign(key, method, url, null) } : {}
    },
    async forgetKey() {
      await dpop?.keys.clear().catch(() => undefined)
    },
    retryOnNonce: (send) => (dpop ? withDpopNonceRetry(dpop.signer, send) : send()),
    remember(headers) {
      dpop?.signer.rememberNonce(headers)
    },
  }
}

/**
 * An app request's credentials (`forRequest`); when the bound key is gone, the refresh decides: it ends the
 * session ('key-lost'), or another tab's token (bound to the key it signed in with) is used instead.
 */
export function withKeyLostFallback(credentials: RequestCredentials, tokens: TokenReader, refresh: () => Promise<string>) {
  return async function headersFor(token: string, method: string, url: string): Promise<Headers> {
    try {
      return await credentials.forRequest(token, method, url)
    } catch (error) {
      if (!(error instanceof DpopKeyLostError)) throw error
      const current = tokens.read()
      if (!current) throw sessionExpiredError('key-lost', error)
      // Another tab's token (bound to the key it signed in with) is newer than this one.
      const next = current.token !== token ? current.token : await refresh()
      return credentials.forRequest(next, method, url)
    }
  }
}

function orNullIfUnavailable(error: unknown): null {
  if (error instanceof DpopUnavailableError) return null
  throw error
}

/** What a request of the app instance needs before it is sent. */
export type RequestDecision =
  /** Not the API's (another origin, or its auth endpoints): sent untouched. */
  | { action: 'leave' }
  /** Send now with the current token; `sign`: a DPoP proof must be made first (async), else the header is set at once. */
  | { action: 'send'; sign: boolean }
  /** Wait for the refresh in flight, or start one (the token is expiring or expired), then send. */
  | { action: 'refresh-first' }
  /** No token and no refresh under way: fail with `NotAuthenticatedError`, nothing sent. */
  | { action: 'fail' }

/**
 * The request side's one decision, pure: from what the request aims at, the current token and whether a refresh
 * is in flight.
 *
 * @example
 * decideRequest({ target: 'api', current: null, refreshInFlight: false, dpop: false }) // { action: 'fail' }
 */
export function decideRequest(input: { target: RequestTarget; current: CurrentToken | null; refreshInFlight: boolean; dpop: boolean }): RequestDecision {
  const { target, current } = input
  if (target !== 'api') return { action: 'leave' }
  if (input.refreshInFlight) return { action: 'refresh-first' }
  if (!current) return { action: 'fail' }
  if (current.freshness !== 'fresh') return { action: 'refresh-first' }
  // Only a DPoP client's bound token needs a proof; a fresh Bearer token takes the synchronous fast path.
  return { action: 'send', sign: input.dpop && current.decoded.boundKey !== null }
}

/** What a failed request of the app instance does next. */
export type FailureDecision =
  /** Pass the error on to the caller. */
  | { action: 'fail' }
  /** A stale DPoP nonce: send it once more, signed anew with the nonce just kept (not a refresh). */
  | { action: 'resend-with-nonce' }
  /** The profile's `isTokenRejected` (default: 401 `invalid_token`): get a refreshed (or newer) token, then replay the request once. */
  | { action: 'replay' }
  /**
   * The profile's `isStepUpRequired` (default: RFC 9470 `insufficient_user_authentication`): hold the request behind the
   * one step-up prompt, then replay it once.
   */
  | { action: 'step-up' }

/**
 * The response side's one decision, pure: only the API's requests are ever sent again, each at most once for a
 * nonce, once after a step-up and once after a refresh; any other failure is the caller's. Order: a nonce challenge,
 * then a step-up, then a rejected token (a typical profile's "any 401" must not refresh a step-up's 401).
 *
 * @example
 * decideFailure({ target: 'api', stepUp: true, steppedUp: false, tokenRejected: true, nonceChallenge: false, dpop: false, replayed: false, nonceRetried: false }) // { action: 'step-up' }
 */
export function decideFailure(input: {
  target: RequestTarget
  /**
   * The backend profile's `isTokenRejected` says the answer means "this access token is no good" (by default a 401
   * whose `WWW-Authenticate` says `invalid_token`, RFC 6750 §3; a typical backend's: any 401).
   */
  tokenRejected: boolean
  /** The server asked for a DPoP nonce (400/401 `use_dpop_nonce`). */
  nonceChallenge: boolean
  dpop: boolean
  replayed: boolean
  nonceRetried: boolean
  /** The backend profile's `isStepUpRequired` says the person must re-verify first (RFC 9470). */
  stepUp?: boolean
  /** The request is already the replay after a step-up: never held again (no loop). */
  steppedUp?: boolean
}): FailureDecision {
  if (input.target !== 'api') return { action: 'fail' }
  if (input.dpop && !input.nonceRetried && input.nonceChallenge) return { action: 'resend-with-nonce' }
  if (input.stepUp) return input.steppedUp ? { action: 'fail' } : { action: 'step-up' }
  if (!input.replayed && input.tokenRejected) return { action: 'replay' }
  return { action: 'fail' }
}

/** What the interceptors need from the client that owns them. */
export interface InterceptorSession {
  baseURL: string
  tokens: TokenReader
  /** The refresh in flight, if any (including a `restore()`). */
  inflight(): Promise<string> | null
  /** An automatic refresh: shares the one in flight, fails fast while backing off. */
  refreshBefore(): Promise<string>
  /** The token to replay a request that got a 401 with `sentToken`: refreshes only if it is still current. */
  tokenForReplay(sentToken: string | null): Promise<string>
  /** The backend profile's `isTokenRejected`: whether an API answer means "refresh and replay once". */
  isTokenRejected(response: ProfileResponse): boolean
  /** The backend profile's `isStepUpRequired`: what a "re-verify first" answer asks for, else `null`. */
  isStepUpRequired(response: ProfileResponse): StepUpChallenge | null
  /**
   * Waits for the one step-up prompt (joins the one open, or shares the answer of one answered since the request was
   * sent in `sentInRound`); rejects with the step-up's `AuthError`.
   */
  stepUp(challenge: StepUpChallenge, sentInRound?: number): Promise<void>
  /** The step-up's round (prompts answered so far), noted on each request when it is sent. */
  stepUpRound(): number
  /**
   * DPoP: the headers of a request with `token` (`DPoP <token>` and a proof for this method and URL when
   * the token is bound, else Bearer), and the headers of every response of the API and its auth endpoints (the
   * server's nonce; another origin's answer is never passed). Absent: Bearer only.
   */
  dpop?: {
    headersFor(token: string, method: string, url: string): Promise<Record<string, string>>
    remember(headers: AxiosResponse['headers']): void
  }
}

/** Marks a request config as a replay after a 401, so it is never replayed again. */
export const REPLAYED = 'silentRefreshReplayed'
/** Marks a request config as re-sent after a DPoP nonce challenge, so it is never re-sent for a nonce again. */
const NONCE_RETRIED = 'silentRefreshNonceRetried'
/** Marks a request config as the replay after a step-up, so it is never held for one again. */
const STEPPED_UP = 'silentRefreshSteppedUp'
/** The step-up round a request was sent in (`InterceptorSession.stepUpRound`). */
const STEP_UP_ROUND = 'silentRefreshStepUpRound'
type ReplayConfig = InternalAxiosRequestConfig & { [REPLAYED]?: true; [NONCE_RETRIED]?: true; [STEPPED_UP]?: true; [STEP_UP_ROUND]?: number }

/**
 * Installs the request interceptors (attach the token; refresh first when it is expiring) and the
 * response interceptor (after an answer the profile's `isTokenRejected` says yes to — by default a 401
 * `invalid_token` — replay once with a refreshed or newer token), which carry
 * out `decideRequest` and `decideFailure`. Returns a function that removes them.
 *
 * The request side is two interceptors chosen by axios's `runWhen`: a synchronous one for the common
 * case of a fresh Bearer token, which spares every request axios's promise chain, and an async one for the rest.
 * axios asks both `runWhen`s before running either (and before any interceptor the app added itself), so the
 * decision is made once per request (memoised on the config object) and the two always agree; each interceptor
 * checks the request's target again on the config it is given, as the app's interceptors may have changed it.
 */
export function installInterceptors(http: AxiosInstance, session: InterceptorSession): () => void {
  const { dpop } = session
  const targetOf = (config: InternalAxiosRequestConfig) => requestTarget(session.baseURL, config.baseURL, config.url, config.allowAbsoluteUrls)
  const decide = (config: InternalAxiosRequestConfig) =>
    decideRequest({ target: targetOf(config), current: session.tokens.read(), refreshInFlight: session.inflight() !== null, dpop: dpop !== undefined })

  let routedConfig: InternalAxiosRequestConfig | null = null
  /** Where `routedConfig` was aimed when it was routed: the app's own interceptors may change it in place. */
  let routedAim: Pick<InternalAxiosRequestConfig, 'url' | 'baseURL' | 'allowAbsoluteUrls'> = {}
  let routed: 'leave' | 'attach' | 'wait' = 'leave'
  const route = (config: InternalAxiosRequestConfig) => {
    if (config !== routedConfig) {
      routedConfig = config
      routedAim = { url: config.url, baseURL: config.baseURL, allowAbsoluteUrls: config.allowAbsoluteUrls }
      const decision = decide(config)
      routed = decision.action === 'leave' ? 'leave' : decision.action === 'send' && !decision.sign ? 'attach' : 'wait'
    }
    return routed
  }

  /** The token to send once the refresh in flight (or one started now) is done; a still valid token while the server is away. */
  async function tokenAfterRefresh(config: InternalAxiosRequestConfig, pending: Promise<string> | null): Promise<string> {
    try {
      return await abortable(pending ?? session.refreshBefore(), config)
    } catch (error) {
      // A token that has not expired yet still works while the server is unreachable.
      const fallback = error instanceof RefreshUnavailableError ? session.tokens.read() : null
      if (!fallback || fallback.freshness === 'expired') throw error
      return fallback.token
    }
  }

  async function attachAsync(config: InternalAxiosRequestConfig): Promise<InternalAxiosRequestConfig> {
    if (config.signal?.aborted) throw new CanceledError<unknown>('Request aborted before it was sent', config)
    try {
      // Decided again now: a refresh may have started or ended since axios asked `runWhen`.
      const decision = decide(config)
      if (decision.action === 'leave') return config
      if (decision.action === 'fail') throw notAuthenticatedError()
      const token = decision.action === 'send' ? session.tokens.read()!.token : await tokenAfterRefresh(config, session.inflight())
      config.headers.set(dpop ? await dpop.headersFor(token, config.method ?? 'get', http.getUri(config)) : authorizationHeaders(token))
      ;(config as ReplayConfig)[STEP_UP_ROUND] = session.stepUpRound()
      return config
    } catch (error) {
      throw axios.isCancel(error) ? error : asAuthError(error)
    }
  }

  const waitId = http.interceptors.request.use(attachAsync, undefined, { runWhen: (config) => route(config) === 'wait' })
  const attachId = http.interceptors.request.use(
    (config) => {
      // Judged again on the config as it is now when the app's own interceptors (run after the `runWhen`s) gave another
      // one or changed where it goes (`url`, `baseURL`): the request may be on its way to another origin.
      const unchanged =
        config === routedConfig && config.url === routedAim.url && config.baseURL === routedAim.baseURL && config.allowAbsoluteUrls === routedAim.allowAbsoluteUrls
      if (!unchanged && targetOf(config) !== 'api') return config
      const current = session.tokens.read()
      if (current) config.headers.set(authorizationHeaders(current.token))
      ;(config as ReplayConfig)[STEP_UP_ROUND] = session.stepUpRound()
      return config
    },
    undefined,
    { synchronous: true, runWhen: (config) => route(config) === 'attach' },
  )

  /** Keeps the server's `DPoP-Nonce` from the API's answers and its auth endpoints', never from another server's. */
  const remember = (response: AxiosResponse, config: InternalAxiosRequestConfig = response.config) => {
    if (dpop && config && targetOf(config) !== 'foreign') dpop.remember(response.headers)
    return response
  }
  const responseId = http.interceptors.response.use(dpop ? (response) => remember(response) : undefined, async (error: unknown) => {
    if (!isAxiosError(error) || !error.config) throw error
    if (error.response) remember(error.response, error.config)
    const config: ReplayConfig = error.config
    const target = targetOf(config)
    // Only the API's answers are the profile's to judge.
    const answer = target === 'api' && error.response !== undefined ? toProfileResponse(error.response) : null
    const challenge = answer && session.isStepUpRequired(answer)
    const decision = decideFailure({
      target,
      stepUp: challenge !== null,
      steppedUp: config[STEPPED_UP] === true,
      tokenRejected: answer !== null && session.isTokenRejected(answer),
      nonceChallenge: isDpopNonceChallenge(error.response),
      dpop: dpop !== undefined,
      replayed: config[REPLAYED] === true,
      nonceRetried: config[NONCE_RETRIED] === true,
    })
    if (decision.action === 'fail') throw error
    if (decision.action === 'resend-with-nonce') {
      const resent: ReplayConfig = { ...config, [NONCE_RETRIED]: true }
      return http.request(resent)
    }
    if (decision.action === 'step-up') {
      try {
        await abortable(session.stepUp(challenge!, config[STEP_UP_ROUND]), config)
      } catch (stepUpError) {
        throw axios.isCancel(stepUpError) ? stepUpError : asAuthError(stepUpError)
      }
      // The request interceptors attach the token the re-verification brought.
      const replay: ReplayConfig = { ...config, [STEPPED_UP]: true }
      return http.request(replay)
    }
    await abortable(session.tokenForReplay(sentAccessToken(config.headers.get('Authorization'))), config)
    // The request interceptors attach (and for DPoP sign, with the new token's ath) what is current now.
    const replay: ReplayConfig = { ...config, [REPLAYED]: true }
    return http.request(replay)
  })

  return () => {
    http.interceptors.request.eject(waitId)
    http.interceptors.request.eject(attachId)
    http.interceptors.response.eject(responseId)
  }
}
