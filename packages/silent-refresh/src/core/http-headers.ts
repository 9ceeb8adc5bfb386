import type { AxiosResponseHeaders, RawAxiosResponseHeaders } from 'axios'

type Headers = AxiosResponseHeaders | RawAxiosResponseHeaders | undefined

function header(headers: Headers, name: string): string | null {
  const value: unknown = headers?.[name]
  return typeof value === 'string' ? value : null
}

/** The response's `Date` header in ms, `null` when absent or unreadable. */
export function responseDate(headers: Headers): number | null {
  const value = header(headers, 'date')
  if (value === null) return null
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : ms
}

/** `Retry-After` in ms (delta-seconds or an HTTP date relative to `serverNow`), `null` when absent. */
export function retryAfterMs(headers: Headers, serverNow: number): number | null {
  const value = header(headers, 'retry-after')
  if (value === null) return null
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? null : Math.max(0, at - serverNow)
}

/** True for a `WWW-Authenticate` challenge saying the Bearer token itself was rejected (RFC 6750 §3). */
export function isInvalidTokenChallenge(headers: Headers): boolean {
  const value = header(headers, 'www-authenticate')
  return value !== null && /\berror\s*=\s*"?invalid_token"?/i.test(value)
}

/** The access token of an `Authorization: Bearer …` or `Authorization: DPoP …` request header, `null` when there is none. */
export function sentAccessToken(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const match = /^(?:Bearer|DPoP)\s+(.+)$/i.exec(value)
  return match?.[1] ?? null
}

/**
 * The one place a request gets its credentials, app requests (interceptors) and the refresh alike:
 * `Authorization: Bearer <token>`, or with a DPoP proof (signed for this request and this token)
 * `Authorization: DPoP <token>` and `DPoP: <proof>` (RFC 9449 §7.1).
 */
export function authorizationHeaders(token: string, proof?: string | null): Record<string, string> {
  return proof ? { Authorization: `DPoP ${token}`, DPoP: proof } : { Authorization: `Bearer ${token}` }
}
