/** The name of the channel on which tabs tell each other that the final notice was acknowledged. */
const CHANNEL_NAME = 'session-warning'

export interface DismissalChannel {
  /** Tells the other tabs that the notice for the session ending at `end` (client clock, ms) was acknowledged. */
  tell(end: number): void
  dispose(): void
}

/**
 * The one thing the tabs say about the warning that the session does not already carry: "OK" on the notice that
 * the end cannot move. (Stay signed in needs nothing here: the refresh's token message moves every tab's end.)
 * Nothing where `BroadcastChannel` is missing: each tab then closes its own notice.
 */
export function openDismissalChannel(onDismissed: (end: number) => void): DismissalChannel {
  if (typeof BroadcastChannel === 'undefined') return { tell: () => undefined, dispose: () => undefined }
  const channel = new BroadcastChannel(CHANNEL_NAME)
  channel.onmessage = (event: MessageEvent) => {
    const data = event.data as { type?: unknown; end?: unknown } | null
    if (data?.type === 'dismissed' && typeof data.end === 'number' && Number.isFinite(data.end)) onDismissed(data.end)
  }
  return {
    tell: (end) => channel.postMessage({ type: 'dismissed', end }),
    dispose: () => channel.close(),
  }
}
