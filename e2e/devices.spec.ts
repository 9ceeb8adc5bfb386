import type { Browser, TestInfo } from '@playwright/test'
import { expectLoginPage, expectProfile, logInAsDemo, navLink } from './support/app'
import { expectNoAxeViolations } from './support/axe'
import { expect, test } from './support/fixtures'

/** A second person's browser (its own cookie jar, storage and DPoP key), signed in as the demo user. */
async function secondBrowser(browser: Browser, testInfo: TestInfo) {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL })
  const page = await context.newPage()
  await logInAsDemo(page)
  return { context, page }
}

test.describe('signed-in devices', () => {
  test.beforeEach(({ target }) => {
    // In mock mode each browser context runs its own mock in its own page storage: two contexts share no server.
    test.skip(target !== 'http', 'two browser contexts need one server: the http target')
  })

  test('"Sign out all other devices" ends a second browser\'s login: its next action lands on the login page saying the session ended', async ({ page, browser, mock }, testInfo) => {
    await logInAsDemo(page)
    const other = await secondBrowser(browser, testInfo)
    await page.reload()
    await expectProfile(page)
    const table = page.getByRole('table', { name: 'Devices signed in to your account' })
    await expect(table.getByRole('rowheader')).toHaveCount(2)
    await expect(table.getByRole('rowheader').first()).toContainText('This device')
    await expect(table.getByRole('rowheader').nth(1)).toHaveText('Chrome on Linux')
    await expect(page.getByRole('button', { name: /^Sign out Chrome on Linux \(signed in .+\)$/ })).toBeVisible()
    await expectNoAxeViolations(page, testInfo, 'profile with two devices')

    await page.getByRole('button', { name: 'Sign out all other devices' }).click()

    await expect(page.getByRole('status').filter({ hasText: '1 other device is signed out.' })).toBeVisible()
    await expect(table.getByRole('rowheader')).toHaveCount(1)
    expect(await mock.stats()).toMatchObject({ familiesRevoked: 1 })
    await expectNoAxeViolations(page, testInfo, 'profile after signing the others out')

    // The other browser has not noticed yet; its next action meets the ended login.
    await navLink(other.page, 'Board').click()
    await expectLoginPage(other.page, '/board')
    await expect(other.page.getByText('Your session has ended — please log in again')).toBeVisible()
    await expectNoAxeViolations(other.page, testInfo, 'login page after the session ended elsewhere')

    // This browser goes on.
    await navLink(page, 'Board').click()
    await expect(page.getByRole('list', { name: 'Posts' })).toBeVisible()
    await other.context.close()
  })

  test('in Korean: one device signed out by name, axe-clean', async ({ page, browser, mock }, testInfo) => {
    await logInAsDemo(page)
    const other = await secondBrowser(browser, testInfo)
    await page.getByLabel('Language').selectOption('ko')
    await page.reload()
    const table = page.getByRole('table', { name: '내 계정에 로그인된 기기' })
    await expect(table.getByRole('rowheader')).toHaveCount(2)
    await expect(table.getByRole('rowheader').nth(1)).toHaveText('Linux의 Chrome')
    await expectNoAxeViolations(page, testInfo, 'devices in Korean')

    await page.getByRole('button', { name: /^Linux의 Chrome 로그아웃 \(.+에 로그인\)$/ }).click()

    await expect(page.getByText('Linux의 Chrome에서 로그아웃했습니다.')).toBeVisible()
    expect(await mock.stats()).toMatchObject({ familiesRevoked: 1 })
    await other.page.reload()
    await expectLoginPage(other.page, '/profile')
    await other.context.close()
  })
})
