import type { AuthClient } from '../../auth'
import { createTokenHandoff, type TokenHandoff } from '../../state/token-handoff'
import { createAppAuthClient } from './create-app-auth-client'

/** The app's auth client, made before React, with its start-up restore already under way. */
export interface EarlyRestore {
  client: AuthClient
  /** The start-up restore's one promise: the provider picks it up, it never restores again. */
  restored: Promise<boolean>
  /** Where the token and events wait until the Recoil binding is attached. */
  handoff: TokenHandoff
}

/**
 * Makes the app's one auth client and starts the restore at once, before React, the router and the features have
 * loaded: the refresh request leaves while their code downloads. Imported by the page's first module
 * (src/main.ts) directly, not through lib/auth's index, so that nothing of React comes with it.
 */
export function startEarlyRestore(baseURL = '/api'): EarlyRestore {
  const handoff = createTokenHandoff()
  const client = createAppAuthClient({ baseURL, store: handoff.store, onEvent: handoff.onEvent })
  const restored = client.restore()
  // Handled where it is shown (the splash's retry); not an unhandled rejection meanwhile.
  restored.catch(() => undefined)
  return { client, restored, handoff }
}
