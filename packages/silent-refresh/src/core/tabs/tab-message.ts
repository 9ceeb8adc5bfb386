import type { TabMessage } from './types'

/**
 * Reads a message from another tab, or `null` for anything that is not one of ours (another app on the
 * same channel name, an older version of this one): the channel is same-origin, not typed.
 */
export function readTabMessage(data: unknown): TabMessage | null {
  if (typeof data !== 'object' || data === null) return null
  const { type, token, serverTime, sessionExpiresAt, reason } = data as Record<string, unknown>
  switch (type) {
    case 'token':
    case 'login':
      if (typeof token !== 'string' || typeof serverTime !== 'number' || !Number.isFinite(serverTime)) return null
      // An older tab sends none: leave it out rather than refuse the token.
      return typeof sessionExpiresAt === 'number' && Number.isFinite(sessionExpiresAt)
        ? { type, token, serverTime, sessionExpiresAt }
        : { type, token, serverTime }
    case 'logout':
      return { type }
    case 'session-end':
      return reason === 'key-lost' ? { type, reason } : { type, reason: 'refresh-refused' }
    default:
      return null
  }
}
