import type { LeaseStorage } from './lease-lock'
import { createTabCoordinator, type TabCoordinatorOptions } from './tab-coordinator'
import type { TabCoordinator } from './types'

export const DEFAULT_TAB_CHANNEL_NAME = 'silent-refresh:session'

function localStorageOrNull(): LeaseStorage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    // Reading `localStorage` throws where storage is blocked.
    return null
  }
}

/**
 * A tab coordinator over the browser's own `navigator.locks`, `BroadcastChannel` and (only where Web Locks
 * are missing) `localStorage`, each used when present.
 *
 * @example
 * const client = createAuthClient({ baseURL: '/api', coordinator: createBrowserTabCoordinator() })
 */
export function createBrowserTabCoordinator(
  options: Omit<TabCoordinatorOptions, 'locks' | 'channel' | 'storage'> & { channelName?: string } = {},
): TabCoordinator {
  const { channelName = DEFAULT_TAB_CHANNEL_NAME, ...rest } = options
  const locks = globalThis.navigator?.locks ?? null
  return createTabCoordinator({
    ...rest,
    locks,
    channel: typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : null,
    storage: locks ? null : localStorageOrNull(),
  })
}
