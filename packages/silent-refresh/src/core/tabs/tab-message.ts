import type { DecodedAccessToken } from '../decode-token'
import type { TabMessage } from './types'

/** What another tab's answer said of an opaque token (expiry, issue time, user, bound key), or null when it is not that. */
function readDecoded(value: unknown): DecodedAccessToken | null {
  if (typeof value !== 'object' || value === null) return null
  const { user, expiresAt, issuedAt, boundKey } = value as Record<string, unknown>
  const times = [expiresAt, issuedAt].every((time) => typeof time === 'number' && Number.isFinite(time))
  if (!times || (boundKey !== null && typeof boundKey !== 'string') || typeof user !== 'object' || user === null) return null
  const { id, email, name } = user as Record<string, unknown>
  if (![id, email, name].every((field) => typeof field === 'string')) return null
  return { user: { id, email, name } as DecodedAccessToken['user'], expiresAt: expiresAt as number, issuedAt: issuedAt as number, boundKey: boundKey as string | null }
}

/**
 * Reads a message from another tab, or `null` for anything that is not one of ours (another app on the
 * same channel name, an older version of this one): the channel is same-origin, not typed.
 */
export function readTabMessage(data: unknown): TabMessage | null {
  if (typeof data !== 'object' || data === null) return null
  const { type, token, serverTime, sessionExpiresAt, reason, decoded } = data as Record<string, unknown>
  switch (type) {
    case 'token':
    case 'login': {
      if (typeof token !== 'string' || typeof serverTime !== 'number' || !Number.isFinite(serverTime)) return null
      const facts = readDecoded(decoded)
      // An older tab sends none: leave it out rather than refuse the token.
      return {
        type,
        token,
        serverTime,
        ...(typeof sessionExpiresAt === 'number' && Number.isFinite(sessionExpiresAt) ? { sessionExpiresAt } : {}),
        ...(facts ? { decoded: facts } : {}),
      }
    }
    case 'logout':
      return { type }
    case 'session-end':
      return reason === 'key-lost' || reason === 'refresh-lost' ? { type, reason } : { type, reason: 'refresh-refused' }
    default:
      return null
  }
}
