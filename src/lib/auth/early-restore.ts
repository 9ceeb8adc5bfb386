import { createMemoryTokenStore } from 'silent-refresh'
import { browserDpop, createAppAuthClient, type AppAuthClient } from './create-app-auth-client'

/** The app's auth client, made before React, with its start-up restore already under way. */
export interface EarlyRestore extends AppAuthClient {
  /** The start-up restore's one promise: the provider picks it up, it never restores again. */
  restored: Promise<boolean>
}

export interface EarlyRestoreOptions {
  baseURL?: string
  /** What must be ready before any request leaves (mock mode: the MSW worker). */
  after?: Promise<void>
}

/**
 * Makes the app's one auth client and starts the restore at once, before React, the router and the features have
 * loaded: the refresh request leaves while their code downloads. With DPoP, the origin's key is read from
 * IndexedDB right away, beside the restore's first steps (the pending-logout and hint checks, the tabs' lock) and,
 * in mock mode, the worker's start, so the refresh's proof does not wait for it.
 * The token stays in the client's memory store; Recoil mirrors it (and the session) once React renders.
 * Imported by the page's first module (src/main.ts) directly, not through lib/auth's index: nothing of React comes with it.
 */
export function startEarlyRestore({ baseURL = '/api', after = Promise.resolve() }: EarlyRestoreOptions = {}): EarlyRestore {
  const dpop = browserDpop()
  // Warms the key store (its connection and the key in memory); a failure shows where the key is needed.
  if (dpop) void dpop.keys.get().catch(() => null)
  const app = createAppAuthClient({ baseURL, store: createMemoryTokenStore(), dpop })
  const restored = after.then(() => app.client.restore())
  // Handled where it is shown (the splash's retry); not an unhandled rejection meanwhile.
  restored.catch(() => undefined)
  return { ...app, restored }
}
