import { createAuthClient, createMemoryTokenStore } from 'silent-refresh'
import type { Contestant } from './contestant'

export const ours: Contestant = {
  name: 'ours',
  description: 'this project\'s `createAuthClient` (silent-refresh), default options',
  create({ baseURL, adapter, now }) {
    const store = createMemoryTokenStore()
    const client = createAuthClient({ baseURL, adapter, now, store })
    return {
      http: client.http,
      login: async (credentials) => {
        await client.login(credentials)
      },
      signedIn: () => store.get() !== null,
      dispose: () => client.dispose(),
    }
  },
}
