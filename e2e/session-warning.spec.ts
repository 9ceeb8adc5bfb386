import { completedRefreshes } from './support/mock-controls'
import AxeBuilder from '@axe-core/playwright'
import { expectProfile, logInAsDemo } from './support/app'
import { expect, test } from './support/fixtures'
import type { MockControls } from './support/mock-controls'
import type { BrowserContext, Page } from '@playwright/test'

const MINUTE = 60_000

/** A 10-minute idle lifetime, a fake clock in the context, the demo user logged in, and a second tab on /profile. */
async function twoTabsWithIdleLifetime(page: Page, context: BrowserContext, mock: MockControls): Promise<Page> {
  await mock.configure({ idleTtlMs: 10 * MINUTE })
  await context.clock.install()
  await logInAsDemo(page)
  const other = await context.newPage()
  await other.goto('/profile')
  await expectProfile(other)
  return other
}

/** Quiet time for the server and both tabs' clocks together. */
async function quiet(context: BrowserContext, mock: MockControls, ms: number): Promise<void> {
  await mock.advanceClock(ms)
  await context.clock.fastForward(ms)
}

test.describe('the warning before the session ends, in two tabs', () => {
  test.beforeEach(({ target }) => {
    // One real server and cookie jar for both tabs: the http target's.
    test.skip(target !== 'http', 'needs the http target: one server for every tab')
  })

  test('idle lifetime: both tabs warn two minutes before; "Stay signed in" in one closes both with exactly one refresh', async ({ page, context, mock }) => {
    const other = await twoTabsWithIdleLifetime(page, context, mock)
    const before = completedRefreshes(await mock.stats())

    // 8.5 minutes of quiet: the server's clock and both tabs' clocks move on together.
    await quiet(context, mock, 8 * MINUTE + 30_000)

    const dialogs = [page, other].map((p) => p.getByRole('alertdialog', { name: 'Your session is about to end' }))
    for (const dialog of dialogs) {
      await expect(dialog).toBeVisible()
      await expect(dialog).toContainText(/ends in 2 minutes/)
    }
    await expect(dialogs[1]!.getByRole('button', { name: 'Stay signed in' })).toBeFocused()
    // Modal for real: the page behind the dialog is inert (no click, focus or reading) while it is open.
    expect(await other.evaluate(() => document.querySelector('main')?.closest('[inert]') !== null)).toBe(true)
    const axe = await new AxeBuilder({ page: other }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
    console.log(`axe http profile, session warning open: ${axe.violations.length} violations, ${axe.passes.length} rules passed`)
    expect(axe.violations.map((v) => v.id)).toEqual([])
    await dialogs[1]!.getByRole('button', { name: 'Stay signed in' }).click()

    for (const dialog of dialogs) await expect(dialog).toBeHidden()
    expect(await other.evaluate(() => document.querySelectorAll('[inert]').length)).toBe(0)
    expect(completedRefreshes(await mock.stats()) - before).toBe(1)
    // The idle end moved in both tabs: no warning for the next seven minutes.
    await quiet(context, mock, 7 * MINUTE)
    await page.waitForTimeout(500)
    for (const dialog of dialogs) await expect(dialog).toBeHidden()
    expect(completedRefreshes(await mock.stats()) - before).toBe(1)
  })

  test('"Sign out" in one tab logs out both', async ({ page, context, mock }) => {
    const other = await twoTabsWithIdleLifetime(page, context, mock)

    await quiet(context, mock, 8 * MINUTE + 30_000)
    await page.getByRole('alertdialog').getByRole('button', { name: 'Sign out' }).click()

    for (const p of [page, other]) {
      await expect(p.getByRole('heading', { name: 'Log in' })).toBeVisible()
      await expect(p.getByRole('alertdialog')).toBeHidden()
    }
    // Told truthfully: the other tab was signed out elsewhere; this one signed out here.
    await expect(other.getByText('You signed out in another tab.')).toBeVisible()
    await expect(page.getByText('You signed out in another tab.')).toHaveCount(0)
  })
})
