// @vitest-environment jsdom
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest'
import { createAuthClient } from 'silent-refresh'
import { createTestBackend } from 'silent-refresh/testing'
import expressTypical from '../../../examples/express-typical/profile'
import { startEarlyRestore } from './early-restore'

// The app's profile file switched to the typical Express backend (auth at /auth, not under /api).
vi.mock('../../backend-profile', async () => ({ default: (await import('../../../examples/express-typical/profile')).default }))

const backend = createTestBackend({ profile: expressTypical })
const server = setupServer(...backend.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
beforeEach(async () => {
  await backend.reset()
  localStorage.setItem('session-hint', '1')
})
afterEach(() => localStorage.clear())
afterAll(() => server.close())

it("under another dialect, leaves the first module's refresh (sent to /api/auth/refresh) alone and restores through the profile's", async () => {
  const signIn = createAuthClient({ baseURL: '/api', backend: expressTypical, coordinator: null })
  await signIn.login(backend.user)
  signIn.dispose()
  // What silent-refresh/boot got from /api/auth/refresh, which this backend does not serve: a 404 page.
  const startedRefresh = Promise.resolve({ status: 404, url: 'http://localhost/api/auth/refresh', headers: { 'content-type': 'text/html' }, data: '<h1>Not found</h1>', proof: false })
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  const early = startEarlyRestore({ startedRefresh })
  await expect(early.restored).resolves.toBe(true)
  // The set-up mistake is said once, naming both endpoints.
  expect(warn).toHaveBeenCalledTimes(1)
  expect(String(warn.mock.calls[0]?.[0])).toContain('/auth/refresh')
  warn.mockRestore()
  expect(early.client.getSnapshot()).toMatchObject({ status: 'authenticated', user: { email: backend.user.email } })
  expect((await backend.stats()).refreshCalls).toBe(1)
  early.client.dispose()
})
