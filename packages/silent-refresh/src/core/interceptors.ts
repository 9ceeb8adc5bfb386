import { CanceledError, isAxiosError, type AxiosInstance, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios'
import { abortable } from './abortable'
import { isDpopNonceChallenge } from './dpop'
import { NotAuthenticatedError, RefreshUnavailableError } from './errors'
import { authorizationHeaders, sentAccessToken } from './http-headers'
import { requestTarget } from './request-target'
import type { CurrentToken, TokenReader } from './token-reader'

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
  isTokenRejected(response: AxiosResponse): boolean
  /**
   * DPoP: the headers of a request with `token` (`DPoP <token>` and a proof for this method and URL when
   * the token is bound, else Bearer), and every response's headers (the server's nonce). Absent: Bearer only.
   */
  dpop?: {
    headersFor(token: string, method: string, url: string): Promise<Record<string, string>>
    remember(headers: AxiosResponse['headers']): void
  }
}

/** Marks a request config as a replay after a 401, so it is never replayed again. */
const REPLAYED = 'silentRefreshReplayed'
/** Marks a request config as re-sent after a DPoP nonce challenge, so it is never re-sent for a nonce again. */
const NONCE_RETRIED = 'silentRefreshNonceRetried'
type ReplayConfig = InternalAxiosRequestConfig & { [REPLAYED]?: true; [NONCE_RETRIED]?: true }

function targetOf(session: InterceptorSession, config: InternalAxiosRequestConfig) {
  return requestTarget(session.baseURL, config.baseURL, config.url)
}

/** The token to send once the refresh in flight (or one started now) is done; a still valid token while the server is away. */
async function tokenAfterRefresh(
  session: InterceptorSession,
  config: InternalAxiosRequestConfig,
  pending: Promise<string> | null,
  current: CurrentToken | null,
): Promise<string> {
  if (!current && !pending) throw new NotAuthenticatedError(`No session for ${config.method?.toUpperCase()} ${config.url}: sign in first`)
  try {
    return await abortable(pending ?? session.refreshBefore(), config)
  } catch (error) {
    // A token that has not expired yet still works while the server is unreachable.
    const fallback = error instanceof RefreshUnavailableError ? session.tokens.read() : null
    if (!fallback || fallback.freshness === 'expired') throw error
    return fallback.token
  }
}

async function attachAsync(
  http: AxiosInstance,
  session: InterceptorSession,
  config: InternalAxiosRequestConfig,
  pending: Promise<string> | null,
): Promise<InternalAxiosRequestConfig> {
  if (config.signal?.aborted) throw new CanceledError<unknown>('Request aborted before it was sent', config)
  const current = session.tokens.read()
  // A fresh bound token comes here only to be signed.
  const token = !pending && current?.freshness === 'fresh' ? current.token : await tokenAfterRefresh(session, config, pending, current)
  const { dpop } = session
  config.headers.set(dpop ? await dpop.headersFor(token, config.method ?? 'get', http.getUri(config)) : authorizationHeaders(token))
  return config
}

/** A fresh token with no refresh in flight, sent as Bearer: the header can be set at once (a DPoP proof is async). */
function canAttachNow(session: InterceptorSession, current: CurrentToken | null): boolean {
  return !session.inflight() && current?.freshness === 'fresh' && (!session.dpop || current.decoded.boundKey === null)
}

/** What a request needs before it is sent: nothing (not ours to touch), the header now, or a wait for a refresh. */
type Route = 'leave' | 'attach' | 'wait'

/**
 * Installs the request interceptors (attach the token; refresh first when it is expiring) and the
 * response interceptor (after an answer the profile's `isTokenRejected` says yes to — by default a 401
 * `invalid_token` — replay once with a refreshed or newer token).
 * Returns a function that removes them.
 *
 * The request side is two interceptors chosen by axios's `runWhen`: a synchronous one for the common
 * case of a fresh token, which spares every request axios's promise chain, and an async one that waits
 * for a refresh. axios asks both `runWhen`s before running either, so the route is computed once per
 * request (memoised on the config object) and the two always agree.
 */
export function installInterceptors(http: AxiosInstance, session: InterceptorSession): () => void {
  let routedConfig: InternalAxiosRequestConfig | null = null
  let routed: Route = 'leave'
  const route = (config: InternalAxiosRequestConfig): Route => {
    if (config !== routedConfig) {
      routedConfig = config
      routed =
        targetOf(session, config) !== 'api'
          ? 'leave'
          : canAttachNow(session, session.tokens.read())
            ? 'attach'
            : 'wait'
    }
    return routed
  }

  const waitId = http.interceptors.request.use((config) => attachAsync(http, session, config, session.inflight()), undefined, {
    runWhen: (config) => route(config) === 'wait',
  })
  const attachId = http.interceptors.request.use(
    (config) => {
      const current = session.tokens.read()
      if (current) config.headers.set(authorizationHeaders(current.token))
      return config
    },
    undefined,
    { synchronous: true, runWhen: (config) => route(config) === 'attach' },
  )

  const { dpop } = session
  const remember = (response: AxiosResponse) => {
    dpop?.remember(response.headers)
    return response
  }
  const responseId = http.interceptors.response.use(dpop ? remember : undefined, async (error: unknown) => {
    if (!isAxiosError(error) || !error.config) throw error
    if (error.response) remember(error.response)
    const config: ReplayConfig = error.config
    if (targetOf(session, config) !== 'api') throw error
    // A stale nonce: send it once more (the request interceptors sign anew with the nonce just kept). Not a refresh.
    if (dpop && !config[NONCE_RETRIED] && isDpopNonceChallenge(error.response)) {
      const resent: ReplayConfig = { ...config, [NONCE_RETRIED]: true }
      return http.request(resent)
    }
    if (!error.response || config[REPLAYED] || !session.isTokenRejected(error.response)) throw error
    const sentToken = sentAccessToken(config.headers.get('Authorization'))
    await abortable(session.tokenForReplay(sentToken), config)
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
