import { expectBoard, expectLoginPage, expectProfile, logInAsDemo, navLink, PAST_REFRESH_FAMILY_MS, submitLogin } from './support/app'
import { expect, test } from './support/fixtures'
import { answersFrom, REFRESH_PATH } from './support/network-log'
import { refreshCookieValue } from './support/refresh-cookie'

test.describe('when both tokens have expired', () => {
  test('the next action leads to the login page, and logging in comes back to where the person was', async ({ page, mock, network }) => {
    await logInAsDemo(page)
    // The profile page holds no live connection: nothing notices the ended session until the person acts.
    await navLink(page, 'Profile').click()
    await expectProfile(page)
    await mock.advanceClock(PAST_REFRESH_FAMILY_MS)
    const mark = network.mark()

    await navLink(page, 'Board').click()
    await expectLoginPage(page, '/board')
    await expect(page.getByRole('alert')).toHaveText('Your session has ended — please log in again')
    expect(answersFrom(network.since(mark), 'POST', REFRESH_PATH)).toEqual([401])

    await submitLogin(page)
    await expectBoard(page)
  })

  test("on the live board nothing needs to be clicked: the stream's re-authentication finds the ended session, and logging in comes back to the board", async ({ page, mock, network }) => {
    await logInAsDemo(page)
    await navLink(page, 'Board').click()
    await expectBoard(page)
    const mark = network.mark()
    await mock.advanceClock(PAST_REFRESH_FAMILY_MS)

    await expectLoginPage(page, '/board')
    await expect(page.getByRole('alert')).toHaveText('Your session has ended — please log in again')
    expect(answersFrom(network.since(mark), 'POST', REFRESH_PATH)).toEqual([401])

    await submitLogin(page)
    await expectBoard(page)
  })

  test('a reload leads to the login page, and logging in comes back to the board', async ({ page, mock }) => {
    await logInAsDemo(page)
    await navLink(page, 'Board').click()
    await expectBoard(page)
    await mock.advanceClock(PAST_REFRESH_FAMILY_MS)

    await page.reload()
    await expectLoginPage(page, '/board')
    await submitLogin(page)
    await expectBoard(page)
  })
})

test.describe('logout', () => {
  test('clears the refresh cookie, and protected pages then redirect to the login page', async ({ page, mock, target }) => {
    await logInAsDemo(page)
    await navLink(page, 'Board').click()
    await expectBoard(page)
    expect(await refreshCookieValue(page, target)).toBeTruthy()
    const before = await mock.stats()

    await page.getByRole('button', { name: 'Log out' }).click()
    await expectLoginPage(page)
    expect(await refreshCookieValue(page, target)).toBeUndefined()
    expect((await mock.stats()).familiesRevoked - before.familiesRevoked).toBe(1)

    await page.goto('/board')
    await expectLoginPage(page, '/board')
    await page.goto('/profile')
    await expectLoginPage(page, '/profile')
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0)
  })
})
