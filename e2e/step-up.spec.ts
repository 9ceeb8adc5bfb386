import type { Browser, TestInfo } from '@playwright/test'
import { DEMO_USER } from '../mocks'
import { expectProfile, logInAsDemo } from './support/app'
import { expectNoAxeViolations } from './support/axe'
import { expect, test } from './support/fixtures'

const MINUTE = 60_000

/** A second browser signed in as the demo user: "Sign out all other devices" then has something to do. */
async function secondBrowser(browser: Browser, testInfo: TestInfo) {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL })
  await logInAsDemo(await context.newPage())
  return context
}

test.describe("step-up: \"Confirm it's you\"", () => {
  test.beforeEach(({ target }) => {
    test.skip(target !== 'http', 'the http target: one server for the contexts, real cookies')
  })

  test('after 10 idle minutes, changing the password raises one dialog; the right password completes it with no second click', async ({ page, mock }, testInfo) => {
    await logInAsDemo(page)
    await mock.advanceClock(10 * MINUTE)
    await page.getByLabel('New password').fill('a-brand-new-pass')
    await page.getByRole('button', { name: 'Change password' }).click()

    const dialog = page.getByRole('dialog', { name: "Confirm it's you" })
    await expect(dialog).toBeVisible()
    await expect(dialog.getByLabel('Password')).toBeFocused()
    await expectNoAxeViolations(page, testInfo, "the Confirm it's you dialog")

    await dialog.getByLabel('Password').fill('not-the-password')
    await dialog.getByRole('button', { name: 'Confirm' }).click()
    await expect(dialog.getByRole('alert')).toHaveText('That password is not right. Try again.')
    await expect(page.getByLabel('New password')).toHaveValue('a-brand-new-pass')

    await dialog.getByLabel('Password').fill(DEMO_USER.password)
    await dialog.getByRole('button', { name: 'Confirm' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByText('Your password is changed.')).toBeVisible()
    // One step-up, one re-verification (the 10 idle minutes also aged the DPoP nonce: that challenge is answered first).
    expect(await mock.stats()).toMatchObject({ reauthentications: 1, stepUpChallenges: 1 })
  })

  test('two sensitive actions at once raise one dialog, and both complete after one confirmation', async ({ page, browser, mock }, testInfo) => {
    await logInAsDemo(page)
    const other = await secondBrowser(browser, testInfo)
    await page.reload()
    await expectProfile(page)
    const signOutOthers = page.getByRole('button', { name: 'Sign out all other devices' })
    await expect(signOutOthers).toBeVisible()
    await mock.advanceClock(10 * MINUTE)
    await page.getByLabel('New password').fill('a-brand-new-pass')
    // Both clicked before either answer arrives.
    await page.evaluate(() => {
      const buttons = [...document.querySelectorAll('button')]
      buttons.find((b) => b.textContent === 'Change password')!.click()
      buttons.find((b) => b.textContent === 'Sign out all other devices')!.click()
    })
    const dialog = page.getByRole('dialog', { name: "Confirm it's you" })
    await expect(dialog).toBeVisible()
    await expect.poll(async () => (await mock.stats()).stepUpChallenges).toBe(2)
    await expect(page.getByRole('dialog')).toHaveCount(1)

    await dialog.getByLabel('Password').fill(DEMO_USER.password)
    await dialog.getByRole('button', { name: 'Confirm' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByText('Your password is changed.')).toBeVisible()
    await expect(page.getByRole('status').filter({ hasText: '1 other device is signed out.' })).toBeVisible()
    expect(await mock.stats()).toMatchObject({ reauthentications: 1, stepUpChallenges: 2 })
    await other.close()
  })
})
