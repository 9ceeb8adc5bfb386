import type { LeaseStorage } from './lease-lock'
import { createTabCoordinator, type TabChannel, type TabCoordinatorOptions } from './tab-coordinator'
import type { TabCoordinator } from './types'

const DEFAULT_TAB_CHANNEL_NAME = 'silent-refresh:session'

function localStorageOrNull(): LeaseStorage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    // Reading `localStorage` throws where storage is blocked.
    return null
  }
}

/** A `BroadcastChannel` opened on first use: a coordinator made and never used (StrictMode) opens nothing. */
function lazyBroadcastChannel(name: string): TabChannel {
  let channel: BroadcastChannel | null = null
  const open = () => (channel ??= new BroadcastChannel(name))
  return {
    postMessage: (message) => open().postMessage(message),
    addEventListener: (type, listener) => open().addEventListener(type, listener),
    removeEventListener: (type, listener) => channel?.removeEventListener(type, listener),
    close: () => channel?.close(),
  }
}

/**
 * A tab coordinator over the browser's own `navigator.locks`, `BroadcastChannel` and `localStorage` (the lease where
 * Web Locks are missing; the notices of logins and logouts where `BroadcastChannel` is), each used when present.
 *
 * @example
 * const client = createAuthClient({ baseURL: '/api', coordinator: createBrowserTabCoordinator() })
 */
export function createBrowserTabCoordinator(
  options: Omit<TabCoordinatorOptions, 'locks' | 'channel' | 'storage'> & { channelName?: string } = {},
): TabCoordinator {
  const { channelName = DEFAULT_TAB_CHANNEL_NAME, ...rest } = options
  const locks = globalThis.navigator?.locks ?? null
  const channel = typeof BroadcastChannel === 'function' ? lazyBroadcastChannel(channelName) : null
  const storage = localStorageOrNull()
  return createTabCoordinator({
    ...rest,
    locks,
    channel,
    storage: locks ? null : storage,
    // Without a channel, logins and logouts still reach the other tabs (their kind, never a token).
    notices: !channel && storage && typeof window !== 'undefined' ? { storage, events: window } : null,
  })
}
