import type { Page } from '@playwright/test'
import { expectBoard, logInAsDemo, navLink, writePost } from './support/app'
import { expect, test } from './support/fixtures'

/** POSTs to /api/posts the page sent, with their Idempotency-Keys. */
function postKeys(page: Page): string[] {
  const keys: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/posts') keys.push(request.headers()['idempotency-key'] ?? 'none')
  })
  return keys
}

test.describe('posting when the connection or the server is missing', () => {
  test('offline: the post is kept and shown pending, no refresh storm; back online it is created once without pressing Post', async ({ page, context, mock }) => {
    const keys = postKeys(page)
    await context.clock.install()
    await logInAsDemo(page)
    await navLink(page, 'Board').click()
    await expectBoard(page)
    const before = await mock.stats()

    await context.setOffline(true)
    await expect(page.getByText("You're offline. What you post is kept and sent when the connection is back.")).toBeVisible()
    await writePost(page, 'Written on the train')
    const outbox = page.getByRole('list', { name: 'Waiting to send' })
    await expect(outbox.getByRole('listitem')).toContainText("Written on the train Waiting to send — will post when you're back online.")
    // A minute passes offline on the page's clock (every timer due runs): nothing is sent, no refresh is tried.
    await context.clock.runFor(60_000)
    let stats = await mock.stats()
    expect(stats.postsCreated).toBe(before.postsCreated)
    expect(stats.refreshCalls).toBe(before.refreshCalls)

    await context.setOffline(false)
    await expect(page.getByRole('status').filter({ hasText: 'Posted.' })).toBeVisible()
    await expect(outbox).toHaveCount(0)
    await expect(page.getByRole('list', { name: 'Posts' }).getByRole('heading', { name: 'Written on the train' })).toHaveCount(1)
    stats = await mock.stats()
    expect(stats.postsCreated - before.postsCreated).toBe(1)
    expect(new Set(keys).size).toBe(1)
  })

  test('a lost answer, a reload and Post again make one post, shown once', async ({ page, mock, target }) => {
    test.skip(target !== 'http', 'a lost answer drops a real socket: the http target')
    const keys = postKeys(page)
    await logInAsDemo(page)
    await navLink(page, 'Board').click()
    await expectBoard(page)
    const before = (await mock.stats()).postsCreated

    await mock.failNext('posts', 'lost-response')
    await writePost(page, 'Did it go through?')
    // Through the dev server's proxy the dropped socket reads as a 502: the server's trouble; the post waits in the list.
    await expect(page.getByRole('status').filter({ hasText: 'Your post is in the waiting list below' })).toBeVisible()
    await expect(page.getByRole('alert')).toHaveCount(0)
    expect((await mock.stats()).postsCreated - before).toBe(1) // made; the answer was lost

    // After the reload the outbox resends on arrival; that one attempt meets a 503 (answered in the browser), so the
    // person presses Send now.
    let held = false
    await page.route('**/api/posts', async (route) => {
      if (held || route.request().method() !== 'POST') return route.fallback()
      held = true
      await route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"unavailable","message":"Try later"}' })
    })
    await page.reload()
    await expectBoard(page)
    const title = page.getByLabel('Title')
    await expect(title).toHaveValue('')
    await expect(page.getByRole('list', { name: 'Waiting to send' })).toContainText('will try again by itself')
    await page.getByRole('list', { name: 'Waiting to send' }).getByRole('button', { name: 'Send now' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Posted.' })).toBeVisible()
    await expect(page.getByRole('list', { name: 'Posts' }).getByRole('heading', { name: 'Did it go through?' })).toHaveCount(1)
    await expect(title).toHaveValue('')
    await expect(page.getByRole('list', { name: 'Waiting to send' })).toHaveCount(0)
    await page.reload()
    await expectBoard(page)
    await expect(page.getByRole('list', { name: 'Posts' }).getByRole('heading', { name: 'Did it go through?' })).toHaveCount(1)
    expect((await mock.stats()).postsCreated - before).toBe(1)
    expect(keys).toHaveLength(3) // the lost one, the resend that met the 503, Send now
    expect(new Set(keys).size).toBe(1)
  })

  test('a waiting post is edited from the list, not posted twice: offline, post, edit, post again, reconnect → one post', async ({ page, context, mock }) => {
    const keys = postKeys(page)
    await logInAsDemo(page)
    await navLink(page, 'Board').click()
    await expectBoard(page)
    const before = (await mock.stats()).postsCreated

    await context.setOffline(true)
    await writePost(page, 'Typo in the titel')
    const outbox = page.getByRole('list', { name: 'Waiting to send' })
    await expect(outbox.getByRole('listitem')).toContainText('Typo in the titel')
    // Kept, not an error: a polite status, focus still on the button, and the form empty for the next post.
    await expect(page.getByRole('status').filter({ hasText: 'Your post is in the waiting list below' })).toBeVisible()
    await expect(page.getByRole('alert')).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Post', exact: true })).toBeFocused()
    await expect(page.getByLabel('Title')).toHaveValue('')

    await outbox.getByRole('button', { name: 'Edit' }).click()
    await expect(page.getByLabel('Title')).toBeFocused()
    await expect(page.getByLabel('Title')).toHaveValue('Typo in the titel')
    await expect(outbox).toHaveCount(0)
    await writePost(page, 'No typo in the title')
    await expect(outbox.getByRole('listitem')).toHaveCount(1)

    await context.setOffline(false)
    await expect(page.getByRole('status').filter({ hasText: 'Posted.' })).toBeVisible()
    const posts = page.getByRole('list', { name: 'Posts' })
    await expect(posts.getByRole('heading', { name: 'No typo in the title' })).toHaveCount(1)
    await expect(posts.getByRole('heading', { name: 'Typo in the titel' })).toHaveCount(0)
    // Focus did not fall to <body> when the post went by itself.
    expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true)
    expect((await mock.stats()).postsCreated - before).toBe(1)
    expect(new Set(keys).size).toBe(1)
  })

  test('a failed logout says so on the login page', async ({ page, mock }) => {
    await logInAsDemo(page)
    await mock.failNext('logout', 500)
    await page.getByRole('button', { name: 'Log out' }).click()
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible()
    await expect(page.getByRole('alert')).toHaveText(
      "We couldn't reach the server. You're signed out on this device; we'll finish signing you out when the connection is back.",
    )
  })
})
