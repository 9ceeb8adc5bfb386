import { expectBoard, logInAsDemo, navLink } from './support/app'
import { expect, test } from './support/fixtures'
import { watchForLoginForm, loginFormSeen } from './support/login-form-watch'
import { answersFrom, expectOneRefresh } from './support/network-log'

test('a reload on /board shows the board after one refresh, never the login page', async ({ page, mock, network }) => {
  await logInAsDemo(page)
  await navLink(page, 'Board').click()
  await expectBoard(page)
  await watchForLoginForm(page)
  const mark = network.mark()
  const before = await mock.stats()

  await page.reload()
  await expectBoard(page)

  expect(await loginFormSeen(page), 'the login form appeared during the reload').toBe(false)
  const seen = network.since(mark)
  // With DPoP (the app's default) a reloaded page knows no nonce yet: one challenge, then the refresh.
  expectOneRefresh(seen, before, await mock.stats())
  expect(answersFrom(seen, 'GET', '/api/posts')).toEqual([200])
})

test('the login watch sees a login form when one is shown (the check above can fail)', async ({ page }) => {
  await watchForLoginForm(page)
  await page.goto('/board')
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible()
  expect(await loginFormSeen(page)).toBe(true)
})
