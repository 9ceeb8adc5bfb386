import { AxiosError, AxiosHeaders, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios'

/**
 * The answer to a `POST /auth/refresh` that was sent before the client existed (by the page's first module,
 * `silent-refresh/boot`), as it arrived: a response (any status, headers with lower-case names, the parsed body),
 * or no response at all (`network`: the connection failed or the answer was lost; `timeout`: none came in time).
 * `proof` says whether a DPoP proof went with the request.
 */
export type StartedRefreshAnswer =
  | { status: number; headers: Record<string, string>; data: unknown; proof: boolean }
  | { error: 'network' | 'timeout'; proof: boolean }

/** Options of `client.restore()`. */
export interface RestoreOptions {
  /**
   * A start-up refresh already on its way (`startRefreshEarly()` from `silent-refresh/boot`), `null` when it sent
   * nothing. Its answer is this restore's first answer: no second request, the same outcome as if the client had sent
   * it (a nonce challenge answered once, a lost answer retried once, a refusal is being anonymous).
   */
  startedRefresh?: Promise<StartedRefreshAnswer | null> | null
}

/**
 * The started answer as the bare auth instance would have handed it over: the response for a 2xx, else an `AxiosError`
 * (with the response, or none for a lost answer, `ECONNABORTED` for a timeout), so the refresh reads it like its own.
 */
export function adoptStartedAnswer(answer: StartedRefreshAnswer, url: string): AxiosResponse<unknown> {
  const config = { url, method: 'post', headers: new AxiosHeaders() } as InternalAxiosRequestConfig
  if ('error' in answer) {
    throw new AxiosError(`start-up refresh: ${answer.error}`, answer.error === 'timeout' ? AxiosError.ECONNABORTED : AxiosError.ERR_NETWORK, config)
  }
  const response: AxiosResponse<unknown> = { status: answer.status, statusText: '', headers: answer.headers, data: answer.data, config }
  if (answer.status >= 200 && answer.status < 300) return response
  throw new AxiosError(`start-up refresh: ${answer.status}`, AxiosError.ERR_BAD_RESPONSE, config, null, response)
}
