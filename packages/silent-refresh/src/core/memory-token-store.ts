import type { TokenStore } from './types'

/**
 * A token store in a closure: the default when no `store` is given (tests, benchmarks).
 *
 * @example
 * const client = createAuthClient({ baseURL: '/api', store: createMemoryTokenStore() })
 */
export function createMemoryTokenStore(initial: string | null = null): TokenStore {
  let token = initial
  return {
    get: () => token,
    set: (next) => {
      token = next
    },
  }
}
