// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER } from '../../mocks'
import { useMockServer } from '../../mocks/testing'
import { createAuthClient, type AuthClient } from 'silent-refresh'
import { TimelineList } from '../../src/features/inspector/components/timeline-list'
import { useTimeline } from '../../src/features/inspector/timeline/use-timeline'
import { WHOLE_APP_TIMEOUT_MS } from '../support/timeouts'

// Renders the whole app: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: WHOLE_APP_TIMEOUT_MS })

function Timeline({ client }: { client: AuthClient }) {
  const { entries, clear } = useTimeline(client)
  return <TimelineList entries={entries} onClear={clear} />
}

const lines = () => within(screen.getByRole('list', { name: 'Timeline' })).getAllByRole('listitem').map((li) => li.textContent!.slice(li.querySelector('time')!.textContent!.length + 1))

describe("the inspector's timeline: the README's sequence diagram, live", () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })
  afterEach(cleanup)

  it('a burst with a token only the server knows is expired: N requests, N 401s, one refresh, N replays, in that order', async () => {
    const client = createAuthClient({ baseURL: '/api', coordinator: null })
    await client.login(DEMO_USER)
    render(<Timeline client={client} />)
    expect(screen.getByText('Nothing yet.')).toBeInTheDocument()
    await mockControl.advanceClock(60 * 60_000 + 1_000)

    const N = 4
    await act(() => Promise.all(Array.from({ length: N }, () => client.http.get('/me'))))

    const all = lines()
    const requests = all.filter((l) => l === '→ GET /api/me')
    const expired = all.filter((l) => l === '← 401 GET /api/me: token expired (invalid_token)')
    const starts = all.filter((l) => l === 'Refresh started (After a 401)')
    const replays = all.filter((l) => l === '↻ GET /api/me (replay with the new token)')
    const answers = all.filter((l) => l === '← 200 GET /api/me')
    expect([requests.length, expired.length, starts.length, replays.length, answers.length]).toEqual([N, N, 1, N, N])
    expect(all.filter((l) => l.startsWith('Refresh succeeded'))).toHaveLength(1)
    // In order: the refresh starts after the first 401 and succeeds before the first replay leaves.
    expect(all.indexOf(expired[0]!)).toBeLessThan(all.indexOf('Refresh started (After a 401)'))
    expect(all.indexOf('Refresh succeeded: new access token')).toBeLessThan(all.indexOf(replays[0]!))
    expect(all.indexOf(requests[N - 1]!)).toBeLessThan(all.indexOf('Refresh succeeded: new access token'))
    expect(await mockControl.stats()).toMatchObject({ refreshCalls: 1 })
    client.dispose()
  })

  it('a fresh token: each request and its answer, no refresh; Clear empties it; stopping leaves the client as it was', async () => {
    const client = createAuthClient({ baseURL: '/api', coordinator: null })
    const adapter = client.http.defaults.adapter
    await client.login(DEMO_USER)
    const view = render(<Timeline client={client} />)
    await act(() => client.http.get('/posts'))
    expect(lines()).toEqual(['→ GET /api/posts', '← 200 GET /api/posts'])
    act(() => screen.getByRole('button', { name: 'Clear the timeline' }).click())
    expect(screen.getByText('Nothing yet.')).toBeInTheDocument()
    view.unmount()
    expect(client.http.defaults.adapter).toBe(adapter)
    client.dispose()
  })
})
