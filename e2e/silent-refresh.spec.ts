import { expectBoard, expectProfile, logInAsDemo, navLink, PAST_ACCESS_TOKEN_MS, writePost } from './support/app'
import { expect, test } from './support/fixtures'
import { answersFrom, expectOneRefresh, REFRESH_PATH, requestsTo } from './support/network-log'

test.describe('an expired access token is refreshed silently, once', () => {
  test('expired on the server: the next action gets a 401, one refresh, and succeeds', async ({ page, mock, network }) => {
    await logInAsDemo(page)
    await mock.advanceClock(PAST_ACCESS_TOKEN_MS)
    const mark = network.mark()
    const before = await mock.stats()

    await navLink(page, 'Board').click()
    await expectBoard(page)

    const seen = network.since(mark)
    expect(requestsTo(seen, 'POST', REFRESH_PATH)).toHaveLength(1)
    expect(answersFrom(seen, 'POST', REFRESH_PATH)).toEqual([200])
    // The first try with the old token, then the replay with the new one.
    expect(answersFrom(seen, 'GET', '/api/posts')).toEqual([401, 200])
    expect((await mock.stats()).refreshCalls - before.refreshCalls).toBe(1)
  })

  test("expired by the page's clock: the request waits for one refresh and is sent once", async ({ page, mock, network }) => {
    // Playwright's clock moves the page's Date and timers; in mock mode the mock runs in the page, so its clock moves too.
    await page.clock.install()
    await logInAsDemo(page)
    // Counted from before the jump: the client may refresh on waking (the clock jumped), before the click.
    const mark = network.mark()
    const before = await mock.stats()
    await page.clock.fastForward(PAST_ACCESS_TOKEN_MS)

    await navLink(page, 'Board').click()
    await expectBoard(page)

    const seen = network.since(mark)
    // In mock mode the mock's clock moved too: the refresh's nonce is stale, one challenge comes first.
    expectOneRefresh(seen, before, await mock.stats())
    expect(answersFrom(seen, 'GET', '/api/posts')).toEqual([200])
  })

  test('two requests in flight with an expired token share one refresh', async ({ page, mock, network }) => {
    await logInAsDemo(page)
    await navLink(page, 'Board').click()
    await expectBoard(page)
    // Latency keeps both requests in flight together before either 401 comes back.
    await mock.configure({ latencyMs: 1200 })
    await mock.advanceClock(PAST_ACCESS_TOKEN_MS)
    const mark = network.mark()
    const before = await mock.stats()

    const title = `Posted with a stale token ${Date.now()}`
    await writePost(page, title, 'Sent while the access token had expired on the server.')
    await navLink(page, 'Profile').click()
    await expectProfile(page)
    await navLink(page, 'Board').click()
    await expectBoard(page)
    await expect(page.getByRole('heading', { name: title })).toBeVisible()

    const seen = network.since(mark)
    const sentMe = seen.findIndex((event) => event.kind === 'request' && event.method === 'GET' && event.path === '/api/me')
    const first401 = seen.findIndex((event) => event.kind === 'response' && event.status === 401)
    expect(sentMe).toBeGreaterThanOrEqual(0)
    expect(sentMe, 'GET /api/me was sent before the first 401 came back').toBeLessThan(first401)
    expect(answersFrom(seen, 'POST', '/api/posts')).toEqual([401, 201])
    expect(answersFrom(seen, 'GET', '/api/me')).toEqual([401, 200])
    expect(requestsTo(seen, 'POST', REFRESH_PATH)).toHaveLength(1)
    expect(answersFrom(seen, 'POST', REFRESH_PATH)).toEqual([200])
    const after = await mock.stats()
    expect(after.refreshCalls - before.refreshCalls).toBe(1)
    expect(after.postsCreated - before.postsCreated).toBe(1)
  })

  test('quick navigations with a stale token: the aborted requests refresh nothing, the last one refreshes once', async ({ page, mock, network }) => {
    await logInAsDemo(page)
    await mock.configure({ latencyMs: 1000 })
    await mock.advanceClock(PAST_ACCESS_TOKEN_MS)
    const mark = network.mark()
    const before = await mock.stats()

    // Each click unmounts the page before its request is answered, aborting it; only the last one stays.
    for (const name of ['Board', 'Profile', 'Board', 'Profile', 'Board'] as const) await navLink(page, name).click()
    await expectBoard(page)

    const seen = network.since(mark)
    const aborted = seen.filter((event) => event.kind === 'failed' && (event.path === '/api/posts' || event.path === '/api/me'))
    expect(aborted.length).toBeGreaterThanOrEqual(3)
    expect(answersFrom(seen, 'GET', '/api/posts').at(-1)).toBe(200)
    expect(requestsTo(seen, 'POST', REFRESH_PATH)).toHaveLength(1)
    expect(answersFrom(seen, 'POST', REFRESH_PATH)).toEqual([200])
    expect((await mock.stats()).refreshCalls - before.refreshCalls).toBe(1)
  })
})
