/**
 * The `sessionExpiresAt` of a login, signup or refresh answer (an ISO time on the server's clock) in ms,
 * or `null` when the answer has none or it does not parse.
 */
export function readSessionExpiresAt(body: unknown): number | null {
  if (typeof body !== 'object' || body === null || !('sessionExpiresAt' in body)) return null
  const value = body.sessionExpiresAt
  if (typeof value !== 'string') return null
  const ms = Date.parse(value)
  return Number.isFinite(ms) ? ms : null
}
