import type { AxiosAdapter, AxiosResponse } from 'axios'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { accessToken } from '../../../../../tests/support/tokens'
import { createAuthClient } from '../create-auth-client'
import { createDpopKeyStore } from '../dpop'
import type { AuthClient } from '../types'
import { createBrowserTabCoordinator } from './coordinator'

/*
 * Two apps served from one origin (`/app-a/`, `/app-b/`), each with its own API and login, in tabs of one browser
 * (Node's own BroadcastChannel carries the messages, as between tabs). The README's "Two apps on one origin".
 */

const disposeAfter: (() => void)[] = []
afterEach(() => {
  for (const dispose of disposeAfter.splice(0)) dispose()
})

/** App A (no session) and app B (logs in as someone else), each with the tab channel `channelName` gives it. */
async function twoApps(channelName: { a?: string; b?: string }) {
  const now = Math.floor(Date.now() / 1000)
  const bToken = await accessToken({ iat: now, exp: now + 900, sub: 'b-user' })
  const answer = (config: Parameters<AxiosAdapter>[0], data: unknown): AxiosResponse => ({ data, status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, config })
  const sentByA: (string | null)[] = []
  const appA = createAuthClient({
    baseURL: '/app-a/api',
    sessionHint: false,
    coordinator: createBrowserTabCoordinator(channelName.a ? { channelName: channelName.a } : {}),
    adapter: async (config) => {
      sentByA.push((config.headers.get('Authorization') as string | undefined) ?? null)
      return answer(config, {})
    },
  })
  const appB = createAuthClient({
    baseURL: '/app-b/api',
    sessionHint: false,
    coordinator: createBrowserTabCoordinator(channelName.b ? { channelName: channelName.b } : {}),
    adapter: async (config) => answer(config, { accessToken: bToken, user: { id: 'b-user', email: 'b@b.example', name: 'B' } }),
  })
  const clients: AuthClient[] = [appA, appB]
  for (const client of clients) {
    const stop = client.connectTabs()
    disposeAfter.push(() => (stop(), client.dispose()))
  }
  /** B's login, and its message delivered on B's channel (seen by a listener of that name, as another tab would). */
  async function bLogsIn() {
    const watcher = new BroadcastChannel(channelName.b ?? 'silent-refresh:session')
    const delivered = new Promise((resolve) => watcher.addEventListener('message', resolve, { once: true }))
    await appB.login({ email: 'b@b.example', password: 'x' })
    await delivered
    watcher.close()
    // One more task: every listener of the name has had it.
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
  return { appA, appB, bToken, sentByA, bLogsIn }
}

describe('two apps on one origin', () => {
  it("with the default tab channel, app A adopts app B's login and sends B's token to A's API, and B's logout signs A out (the hazard)", async () => {
    const apps = await twoApps({})
    await apps.bLogsIn()
    await vi.waitFor(() => expect(apps.appA.getSnapshot().status).toBe('authenticated'))
    await apps.appA.http.get('/orders')
    expect(apps.sentByA).toEqual([`Bearer ${apps.bToken}`])
    await apps.appB.logout()
    await vi.waitFor(() => expect(apps.appA.getSnapshot()).toMatchObject({ status: 'anonymous', endReason: 'logout' }))
  })

  it('with a channelName of its own each, app A hears nothing of app B', async () => {
    const apps = await twoApps({ a: 'app-a:session', b: 'app-b:session' })
    await apps.bLogsIn()
    expect(apps.appB.getSnapshot().status).toBe('authenticated')
    expect(apps.appA.getSnapshot().status).toBe('unknown')
    await expect(apps.appA.http.get('/orders')).rejects.toMatchObject({ name: 'NotAuthenticatedError' })
    expect(apps.sentByA).toEqual([])
  })

  it('DPoP: key stores with the default dbName share one key; with a dbName of its own each, each app has its own', async () => {
    const indexedDB = new IDBFactory()
    const shared = [createDpopKeyStore({ indexedDB }), createDpopKeyStore({ indexedDB })]
    const own = [createDpopKeyStore({ indexedDB, dbName: 'app-a-dpop' }), createDpopKeyStore({ indexedDB, dbName: 'app-b-dpop' })]
    const [sharedA, sharedB] = await Promise.all(shared.map((keys) => keys.getOrCreate()))
    const [ownA, ownB] = await Promise.all(own.map((keys) => keys.getOrCreate()))
    expect(sharedA!.thumbprint).toBe(sharedB!.thumbprint)
    expect(ownA!.thumbprint).not.toBe(ownB!.thumbprint)
    await own[0]!.clear()
    expect(await own[1]!.get()).toMatchObject({ thumbprint: ownB!.thumbprint })
    for (const keys of [...shared, ...own]) keys.close()
  })
})
