import type { AuthEvent, TokenStore } from 'silent-refresh'
import type { AuthBinding } from './use-auth-binding'

/**
 * The store and event sink of an auth client made before React (the page's first module starts the restore
 * before Recoil exists). Until `attach`, the token is held here in memory and events are kept; from `attach` on,
 * the token lives in Recoil (copied over) and every event goes to the binding (the kept ones first).
 * Plain TypeScript: importing it loads no Recoil.
 */
export interface TokenHandoff {
  store: TokenStore
  onEvent(event: AuthEvent): void
  attach(binding: AuthBinding): void
}

export function createTokenHandoff(): TokenHandoff {
  let early: string | null = null
  let target: AuthBinding | null = null
  const kept: AuthEvent[] = []
  return {
    store: {
      get: () => (target ? target.store.get() : early),
      set: (token) => {
        if (target) target.store.set(token)
        else early = token
      },
    },
    onEvent: (event) => {
      if (target) target.recordEvent(event)
      else kept.push(event)
    },
    attach(binding) {
      if (target === binding) return
      const token = target ? target.store.get() : early
      target = binding
      early = null
      binding.store.set(token)
      for (const event of kept.splice(0)) binding.recordEvent(event)
    },
  }
}
