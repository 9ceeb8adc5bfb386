import { expectBoard, expectProfile, logInAsDemo, navLink } from './support/app'
import { expect, test } from './support/fixtures'
import { answersFrom, REFRESH_PATH } from './support/network-log'
import { keepScreenshot } from './support/screenshots'

test.describe('the session inspector (mock mode)', () => {
  test.beforeEach(({ target }) => {
    // A production build has no inspector (checked in production-build.spec.ts).
    test.skip(target !== 'mock-mode', 'the inspector exists in mock mode only')
  })

  test("its button expires the access token on the server; the next page refreshes once, and the counts say so", async ({ page, network }, testInfo) => {
    await logInAsDemo(page)
    await navLink(page, 'Board').click()
    await expectBoard(page)
    await page.getByRole('button', { name: 'Session inspector' }).click()
    const inspector = page.getByRole('complementary', { name: 'Session inspector' })
    await expect(inspector).toBeVisible()
    await expect(inspector.getByText('authenticated', { exact: true })).toBeVisible()

    await inspector.getByRole('button', { name: 'Expire access token on server' }).click()
    await expect(inspector.getByRole('status')).toHaveText('Done: access token expired on the server.')
    const mark = network.mark()
    await navLink(page, 'Profile').click()
    await expectProfile(page)
    await navLink(page, 'Board').click()
    await expectBoard(page)

    expect(answersFrom(network.since(mark), 'POST', REFRESH_PATH)).toEqual([200])
    const after401 = inspector.getByRole('row', { name: /^After a 401/ })
    await expect(after401.getByRole('cell')).toHaveText(['1', '1', '0'])
    // The counters are live (read every second): the server saw one, the refresh after the 401 (a first visit asks nothing).
    await expect(inspector.getByText('Refresh calls').locator('xpath=following-sibling::dd[1]')).toHaveText('1')
    await inspector.evaluate((panel) => panel.scrollTo(0, 0))
    await keepScreenshot(page, testInfo, 'board-inspector')
  })
})
