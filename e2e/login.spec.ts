import { DEMO_USER, expectBoard, expectProfile, navLink, submitLogin } from './support/app'
import { expect, test } from './support/fixtures'
import { keepScreenshot } from './support/screenshots'

test('the demo user logs in and reaches the profile and the board', async ({ page, mock }, testInfo) => {
  await page.goto('/login')
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible()
  await keepScreenshot(page, testInfo, 'login')

  await submitLogin(page)
  await expectProfile(page)
  await expect(page.getByText(DEMO_USER.name).first()).toBeVisible()
  await keepScreenshot(page, testInfo, 'profile')

  await navLink(page, 'Board').click()
  await expectBoard(page)
  await keepScreenshot(page, testInfo, 'board')
  expect((await mock.stats()).logins).toBe(1)
})

test('a wrong password is refused and the login page stays', async ({ page, mock }) => {
  await page.goto('/login')
  await submitLogin(page, { ...DEMO_USER, password: 'not-the-password' })
  await expect(page.getByRole('alert')).toBeVisible()
  await expect(page).toHaveURL(/\/login$/)
  expect((await mock.stats()).logins).toBe(0)
})
