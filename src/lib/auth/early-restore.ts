import { createMemoryTokenStore, type RestoreOptions } from 'silent-refresh'
import { browserDpop, createAppAuthClient, type AppAuthClient } from './create-app-auth-client'

/** The app's auth client, made before React, with its start-up restore already under way. */
export interface EarlyRestore extends AppAuthClient {
  /** The start-up restore's one promise: the provider picks it up, it never restores again. */
  restored: Promise<boolean>
}

export interface EarlyRestoreOptions {
  baseURL?: string
  /**
   * What must be ready before any request leaves (mock mode: the MSW worker). Without it the restore starts at once,
   * so the first render already knows a first visit is anonymous (the prerendered login form is hydrated as it is).
   */
  after?: Promise<void>
  /** The refresh the page's first module already sent (`startRefreshEarly`): the restore adopts its answer. */
  startedRefresh?: RestoreOptions['startedRefresh']
}

/**
 * Makes the app's one auth client and starts the restore before React renders. The page's first module has usually
 * sent the refresh already (`startedRefresh`, from `silent-refresh/boot`): the restore adopts its answer, nothing is
 * sent twice. With DPoP, the origin's key is read from IndexedDB right away (the client's later requests need it).
 * The token stays in the client's memory store; Recoil mirrors it (and the session) once React renders.
 * Imported by src/render-app.tsx directly, not through lib/auth's index.
 */
export function startEarlyRestore({ baseURL = '/api', after, startedRefresh }: EarlyRestoreOptions = {}): EarlyRestore {
  const dpop = browserDpop()
  // Warms the key store (its connection and the key in memory); a failure shows where the key is needed.
  if (dpop) void dpop.keys.get().catch(() => null)
  const app = createAppAuthClient({ baseURL, store: createMemoryTokenStore(), dpop })
  // The client adopts the first module's answer only when it came from the profile's refresh endpoint (under another
  // dialect, give src/main.ts's startRefreshEarly the profile's refreshURL); otherwise it warns and sends its own.
  const restore = () => app.client.restore({ startedRefresh })
  const restored = after ? after.then(restore) : restore()
  // Handled where it is shown (the splash's retry); not an unhandled rejection meanwhile.
  restored.catch(() => undefined)
  return { ...app, restored }
}
