import { expectProfile, logInAsDemo } from './support/app'
import { expect, test } from './support/fixtures'

const MINUTE = 60_000

test.describe('the warning before the session ends, in two tabs', () => {
  test.beforeEach(({ target }) => {
    // One real server and cookie jar for both tabs: the http target's.
    test.skip(target !== 'http', 'needs the http target: one server for every tab')
  })

  test('idle lifetime: both tabs warn two minutes before; "Stay signed in" in one closes both with exactly one refresh', async ({ page, context, mock }) => {
    await mock.configure({ idleTtlMs: 10 * MINUTE })
    await context.clock.install()
    await logInAsDemo(page)
    const other = await context.newPage()
    await other.goto('/profile')
    await expectProfile(other)
    const before = (await mock.stats()).refreshCalls

    // 8.5 minutes of quiet: the server's clock and both tabs' clocks move on together.
    await mock.advanceClock(8 * MINUTE + 30_000)
    await context.clock.fastForward('08:30')

    const dialogs = [page, other].map((p) => p.getByRole('alertdialog', { name: 'Your session is about to end' }))
    for (const dialog of dialogs) {
      await expect(dialog).toBeVisible()
      await expect(dialog).toContainText(/ends in 2 minutes/)
    }
    await expect(dialogs[1]!.getByRole('button', { name: 'Stay signed in' })).toBeFocused()
    await dialogs[1]!.getByRole('button', { name: 'Stay signed in' }).click()

    for (const dialog of dialogs) await expect(dialog).toBeHidden()
    expect((await mock.stats()).refreshCalls - before).toBe(1)
    // The idle end moved in both tabs: no warning for the next seven minutes.
    await mock.advanceClock(7 * MINUTE)
    await context.clock.fastForward('07:00')
    await page.waitForTimeout(500)
    for (const dialog of dialogs) await expect(dialog).toBeHidden()
    expect((await mock.stats()).refreshCalls - before).toBe(1)
  })

  test('"Sign out" in one tab logs out both', async ({ page, context, mock }) => {
    await mock.configure({ idleTtlMs: 10 * MINUTE })
    await context.clock.install()
    await logInAsDemo(page)
    const other = await context.newPage()
    await other.goto('/profile')
    await expectProfile(other)

    await mock.advanceClock(8 * MINUTE + 30_000)
    await context.clock.fastForward('08:30')
    await page.getByRole('alertdialog').getByRole('button', { name: 'Sign out' }).click()

    for (const p of [page, other]) {
      await expect(p.getByRole('heading', { name: 'Log in' })).toBeVisible()
      await expect(p.getByRole('alertdialog')).toBeHidden()
    }
  })
})
