import { expectBoard, expectProfile, logInAsDemo, navLink, writePost } from './support/app'
import { expect, test } from './support/fixtures'
import { keepScreenshot } from './support/screenshots'

test.describe("the README's screenshots (mock mode)", () => {
  test.beforeEach(({ target }) => {
    test.skip(target !== 'mock-mode', 'the inspector exists in mock mode only')
  })

  test('the board with the inspector open, its timeline telling one refresh after a 401, in English and in Korean', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await logInAsDemo(page)
    await navLink(page, 'Board').click()
    await expectBoard(page)
    await writePost(page, 'Hello from the README')
    await expect(page.getByText('Posted.')).toBeVisible()

    await page.getByRole('button', { name: 'Session inspector' }).click()
    const inspector = page.getByRole('complementary', { name: 'Session inspector' })
    // Expired while on the profile page: the board's live stream would otherwise notice first and refresh for it.
    await navLink(page, 'Profile').click()
    await expectProfile(page)
    await inspector.getByRole('button', { name: 'Clear the timeline' }).click()
    await inspector.getByRole('button', { name: 'Expire access token on server' }).click()
    await expect(inspector.getByRole('status')).toHaveText('Done: access token expired on the server.')
    await navLink(page, 'Board').click()
    await expectBoard(page)

    const timeline = inspector.getByRole('list', { name: 'Timeline' })
    await expect(timeline).toContainText('token expired (invalid_token)')
    await expect(timeline).toContainText('Refresh started (After a 401)')
    await expect(timeline).toContainText('(replay with the new token)')
    await page.getByRole('heading', { name: 'Board', exact: true }).focus()
    await keepScreenshot(page, testInfo, 'board-inspector-en')

    await page.getByLabel('Language').selectOption('ko')
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko')
    const panel = page.getByRole('complementary', { name: '세션 검사기' })
    await expect(panel.getByRole('list', { name: '타임라인' })).toContainText('토큰 만료 (invalid_token)')
    await expect(panel.getByRole('list', { name: '타임라인' })).toContainText('갱신 시작 (401 응답 후)')
    await page.getByRole('heading', { name: '게시판', exact: true }).focus()
    await keepScreenshot(page, testInfo, 'board-inspector-ko')
  })
})
