/** Response headers as axios (`AxiosHeaders` or a plain object) or fetch (`Headers`) hands them over. */
export type ResponseHeaders = { get(name: string): unknown } | Record<string, unknown> | null | undefined

/** A response as far as a nonce challenge is concerned (axios's `error.response` fits). */
export interface ChallengeResponse {
  status: number
  headers?: ResponseHeaders
  data?: unknown
}

/** A header's value, case-insensitively, `null` when absent or not a string. */
export function headerValue(headers: ResponseHeaders, name: string): string | null {
  if (!headers) return null
  if (typeof headers.get === 'function') {
    const value: unknown = (headers as { get(name: string): unknown }).get(name)
    return typeof value === 'string' ? value : null
  }
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return typeof value === 'string' ? value : null
  }
  return null
}

/** The `DPoP-Nonce` a response carries, `null` when it carries none. */
export function readDpopNonce(headers: ResponseHeaders): string | null {
  const value = headerValue(headers, 'dpop-nonce')?.trim()
  return value ? value : null
}

const NONCE_CHALLENGE = /\bDPoP\b.*?\berror\s*=\s*"?use_dpop_nonce\b/i

/**
 * True when the server refused a request only because its proof lacked a current nonce:
 * 400 `{error: "use_dpop_nonce"}` (the auth endpoints) or 401 `WWW-Authenticate: DPoP error="use_dpop_nonce"`
 * (resources). Remember the response's `DPoP-Nonce` and retry that request ONCE with a fresh proof; the
 * server used nothing up (a refresh's cookie is still good), so for the client it is not a second refresh.
 *
 * @example
 * if (!retried && isDpopNonceChallenge(error.response)) { signer.rememberNonce(error.response.headers); return retry() }
 */
export function isDpopNonceChallenge(response: ChallengeResponse | null | undefined): boolean {
  if (!response) return false
  if (response.status === 400) {
    const { data } = response
    return typeof data === 'object' && data !== null && (data as { error?: unknown }).error === 'use_dpop_nonce'
  }
  if (response.status === 401) return NONCE_CHALLENGE.test(headerValue(response.headers, 'www-authenticate') ?? '')
  return false
}
/** The response inside a failed request's error: axios's `error.response` by default. */
export type ResponseOfError = (error: unknown) => ChallengeResponse | undefined

const axiosResponse: ResponseOfError = (error) =>
  typeof error === 'object' && error !== null && 'response' in error ? (error.response as ChallengeResponse | undefined) : undefined

/**
 * Sends a request; if the server answers with a nonce challenge, remembers its `DPoP-Nonce` and sends
 * it ONCE more. `send` must sign a new proof on each call (new `jti`, the new nonce). A second
 * challenge, or any other failure, goes to the caller. Nothing was used up on the server by the
 * challenged attempt, so for the client both attempts are one request (one refresh, one login).
 *
 * @example
 * const response = await withDpopNonceRetry(signer, async () =>
 *   authHttp.post('/auth/refresh', {}, { headers: { DPoP: await signer.proofFor({ keyPair, method: 'POST', url }) } }))
 */
export async function withDpopNonceRetry<T>(signer: { rememberNonce(headers: ResponseHeaders): void }, send: () => Promise<T>, responseOf: ResponseOfError = axiosResponse): Promise<T> {
  try {
    return await send()
  } catch (error) {
    const response = responseOf(error)
    if (!isDpopNonceChallenge(response)) throw error
    signer.rememberNonce(response?.headers)
    return send()
  }
}
