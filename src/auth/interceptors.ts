import { CanceledError, isAxiosError, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios'
import { abortable } from './abortable'
import { NotAuthenticatedError, RefreshUnavailableError } from './errors'
import { authorizationHeaders, bearerToken, isInvalidTokenChallenge } from './http-headers'
import { requestTarget } from './request-target'
import type { TokenReader } from './token-reader'

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
}

/** Marks a request config as a replay after a 401, so it is never replayed again. */
const REPLAYED = 'silentRefreshReplayed'
type ReplayConfig = InternalAxiosRequestConfig & { [REPLAYED]?: true }

function targetOf(session: InterceptorSession, config: InternalAxiosRequestConfig) {
  return requestTarget(session.baseURL, config.baseURL, config.url)
}

async function attachAfterRefresh(
  session: InterceptorSession,
  config: InternalAxiosRequestConfig,
  pending: Promise<string> | null,
): Promise<InternalAxiosRequestConfig> {
  if (config.signal?.aborted) throw new CanceledError<unknown>('Request aborted before it was sent', config)
  const current = session.tokens.read()
  if (!current && !pending) throw new NotAuthenticatedError(`No session for ${config.method?.toUpperCase()} ${config.url}: sign in first`)
  try {
    const token = await abortable(pending ?? session.refreshBefore(), config)
    config.headers.set(authorizationHeaders(token))
  } catch (error) {
    // A token that has not expired yet still works while the server is unreachable.
    const fallback = error instanceof RefreshUnavailableError ? session.tokens.read() : null
    if (!fallback || fallback.freshness === 'expired') throw error
    config.headers.set(authorizationHeaders(fallback.token))
  }
  return config
}

/** What a request needs before it is sent: nothing (not ours to touch), the header now, or a wait for a refresh. */
type Route = 'leave' | 'attach' | 'wait'

/**
 * Installs the request interceptors (attach the token; refresh first when it is expiring) and the
 * response interceptor (after a 401 `invalid_token`, replay once with a refreshed or newer token).
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
          : !session.inflight() && session.tokens.read()?.freshness === 'fresh'
            ? 'attach'
            : 'wait'
    }
    return routed
  }

  const waitId = http.interceptors.request.use((config) => attachAfterRefresh(session, config, session.inflight()), undefined, {
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

  const responseId = http.interceptors.response.use(undefined, async (error: unknown) => {
    if (!isAxiosError(error) || error.response?.status !== 401 || !error.config) throw error
    const config: ReplayConfig = error.config
    if (config[REPLAYED] || targetOf(session, config) !== 'api' || !isInvalidTokenChallenge(error.response.headers)) {
      throw error
    }
    const sentToken = bearerToken(config.headers.get('Authorization'))
    const token = await abortable(session.tokenForReplay(sentToken), config)
    config.headers.set(authorizationHeaders(token))
    const replay: ReplayConfig = { ...config, [REPLAYED]: true }
    return http.request(replay)
  })

  return () => {
    http.interceptors.request.eject(waitId)
    http.interceptors.request.eject(attachId)
    http.interceptors.response.eject(responseId)
  }
}
