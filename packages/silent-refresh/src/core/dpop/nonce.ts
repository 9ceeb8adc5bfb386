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
