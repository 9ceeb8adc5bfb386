import type { ClientTimers, LifecycleSources } from '../options'
import type { RefreshPolicy } from '../refresh-policy'
import type { SessionModel } from '../session-model'
import type { TokenReader } from '../token-reader'
import type { AuthEvent, WakeTrigger } from '../types'
import { watchWake } from './wake-watcher'

export interface WakeCheckParts {
  session: SessionModel
  tokens: TokenReader
  refresh: RefreshPolicy
  timers: ClientTimers
  now(): number
  isOnline(): boolean
  emit(event: AuthEvent): void
  /** Sends a pending logout; resolves whether one is still pending. */
  finishPendingLogout(): Promise<boolean>
}

export interface WakeCheck {
  /** `client.checkSession(trigger)`: settles when done, never rejects. */
  checkSession(trigger: WakeTrigger): Promise<void>
  /** `client.connectLifecycle(sources)`: runs the check on every wake-up the sources report. */
  connect(sources: LifecycleSources | undefined): () => void
}

/** What the client does when the page wakes up: a pending logout first, then a refresh if the token needs one. */
export function createWakeCheck(parts: WakeCheckParts): WakeCheck {
  const { session, refresh, isOnline } = parts

  async function checkSession(trigger: WakeTrigger): Promise<void> {
    parts.emit({ type: 'wake', trigger })
    // Back online: the failures before said nothing about the server; the backoff starts over.
    session.dispatch({ type: 'connectivity', online: isOnline() })
    if (!isOnline() || (await parts.finishPendingLogout())) return
    const { status } = session.getSnapshot()
    if (status === 'unknown' || status === 'restoring') return // the start-up restore decides
    const current = parts.tokens.read()
    try {
      // Restored from the back/forward cache: the other tabs' messages were missed. A refresh under the lock
      // takes a newer token, ends a session that was ended, or finds a login that happened meanwhile.
      if (trigger === 'bfcache') await refresh.run('wake')
      else if (current && current.freshness !== 'fresh') await refresh.automatic('wake')
    } catch {
      // The refresh has told the session what happened (ended, unavailable, offline).
    }
  }

  function connect(sources: LifecycleSources | undefined): () => void {
    if (!sources) return () => undefined
    session.dispatch({ type: 'connectivity', online: isOnline() })
    return watchWake(sources, parts.timers, parts.now, {
      wake: (trigger) => void checkSession(trigger),
      offline: () => session.dispatch({ type: 'connectivity', online: false }),
    })
  }

  return { checkSession, connect }
}
