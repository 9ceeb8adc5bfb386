import { describe, expect, it } from 'vitest'
import { useMockServer } from '../../../../mocks/testing'
import { createTestClient } from '../../../../tests/support/auth-client'
import type { AuthClient, SessionStatus } from './types'

const HOUR = 3_600_000

/**
 * What each callback sees of the session while it runs: the snapshot's status and whether the store still holds a
 * token. Every callback must see the state AFTER the event it is called for (the model publishes, then notifies).
 */
function watch(client: AuthClient, store: { get(): string | null }) {
  const seen: string[] = []
  const look = () => `${client.getSnapshot().status}/${store.get() ? 'token' : 'none'}`
  client.onEvent((event) => {
    if (event.type === 'session-start' || event.type === 'session-end') seen.push(`event ${event.type}: ${look()}`)
  })
  client.subscribe((now) => seen.push(`subscribe ${now.status}: ${look()}`))
  client.onTokenChange((token) => seen.push(`token-change ${token ? 'token' : 'none'}: ${look()}`))
  return seen
}

describe('every listener sees the session after the event', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })

  it('a refused refresh: onSessionEnd, the session-end event, subscribers and onTokenChange all see it ended', async () => {
    const inside: string[] = []
    const t = createTestClient({ onSessionEnd: (reason) => inside.push(`onSessionEnd ${reason}: ${t.client.getSnapshot().status}/${t.store.get() ? 'token' : 'none'}`) })
    await t.signIn()
    const seen = watch(t.client, t.store)
    await mockControl.advanceClock(HOUR + 1_000)
    t.advanceClientClock(HOUR + 1_000)
    await mockControl.failNext('refresh', 401)

    await expect(t.client.http.get('/me')).rejects.toThrow()

    expect(inside).toEqual(['onSessionEnd refresh-refused: ended/none'])
    expect(seen).toEqual(['subscribe ended: ended/none', 'token-change none: ended/none', 'event session-end: ended/none'])
  })

  it('a logout: onSessionEnd and the session-end event see an anonymous session without a token', async () => {
    const inside: SessionStatus[] = []
    const t = createTestClient({ onSessionEnd: () => inside.push(t.client.getSnapshot().status) })
    await t.signIn()
    const seen = watch(t.client, t.store)

    await t.client.logout()

    expect(inside).toEqual(['anonymous'])
    expect(seen).toContain('event session-end: anonymous/none')
    expect(seen.every((entry) => entry.endsWith('anonymous/none'))).toBe(true)
  })

  it('a restore: the session-start event, subscribers and onTokenChange see the session authenticated', async () => {
    await createTestClient().signIn()
    const statusesInOnEvent: SessionStatus[] = []
    const t = createTestClient({
      onEvent: (event) => void (event.type === 'session-start' && statusesInOnEvent.push(t.client.getSnapshot().status)),
    })
    const seen = watch(t.client, t.store)

    await t.client.restore()

    expect(statusesInOnEvent).toEqual(['authenticated'])
    expect(seen).toContain('event session-start: authenticated/token')
    expect(seen).toContain('token-change token: authenticated/token')
    expect(seen.filter((entry) => entry.startsWith('subscribe'))).toEqual(['subscribe restoring: restoring/none', 'subscribe authenticated: authenticated/token'])
  })

  it('a login: the session-start event sees the new session', async () => {
    const t = createTestClient()
    const seen = watch(t.client, t.store)
    await t.signIn()
    expect(seen).toContain('event session-start: authenticated/token')
    expect(seen.filter((entry) => entry.startsWith('subscribe'))).toEqual(['subscribe authenticated: authenticated/token'])
  })
})
