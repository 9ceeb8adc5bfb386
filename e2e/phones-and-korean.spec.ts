import type { Page } from '@playwright/test'
import { expectBoard, logInAsDemo, navLink, writePost } from './support/app'
import { expect, test } from './support/fixtures'

/**
 * The contrast of an element's text with its background as the person sees it: the element's colours with its (and
 * its ancestors') opacity laid over the nearest opaque background behind it (WCAG 2 relative luminance).
 */
function textContrast(page: Page, selector: string): Promise<number> {
  return page.evaluate((selector) => {
    const element = document.querySelector(selector)!
    const rgba = (value: string) => (value.match(/[\d.]+/g) ?? []).map(Number) as [number, number, number, number?]
    let opacity = 1
    for (let node: Element | null = element; node; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity)
    let backdrop: [number, number, number] = [255, 255, 255]
    for (let node = element.parentElement; node; node = node.parentElement) {
      const [r, g, b, a = 1] = rgba(getComputedStyle(node).backgroundColor)
      if (a > 0) {
        backdrop = [r, g, b]
        break
      }
    }
    const over = (top: number[], alpha: number, under: number[]) => under.map((u, i) => alpha * top[i]! + (1 - alpha) * u)
    const style = getComputedStyle(element)
    const [br, bg, bb, ba = 1] = rgba(style.backgroundColor)
    const background = over(over([br, bg, bb], ba, backdrop), opacity, backdrop)
    const [fr, fg, fb, fa = 1] = rgba(style.color)
    const text = over([fr, fg, fb], fa * opacity, background)
    const luminance = (rgb: number[]) =>
      rgb.map((c) => c / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0)
    const [light, dark] = [luminance(text), luminance(background)].sort((a, b) => b - a)
    return (light! + 0.05) / (dark! + 0.05)
  }, selector)
}

test.describe('on a phone (375 px) and in Korean', () => {
  test.use({ viewport: { width: 375, height: 720 } })

  test('Korean breaks lines between words, never inside one (word-break: keep-all)', async ({ page }) => {
    await page.goto('/login')
    await page.getByLabel('Language').selectOption('ko')
    await expect(page.getByRole('heading', { name: '로그인' })).toBeVisible()
    const wordBreak = (selector: string) => page.locator(selector).first().evaluate((element) => getComputedStyle(element).wordBreak)
    expect(await wordBreak('main')).toBe('keep-all')
    expect(await wordBreak('main h1')).toBe('keep-all')
    await page.getByLabel('언어').selectOption('en')
    expect(await wordBreak('main')).toBe('normal')
  })

  test("a pending button's text keeps a contrast of at least 4.5:1", async ({ page, mock }) => {
    await logInAsDemo(page)
    await navLink(page, 'Board').click()
    await expectBoard(page)
    await mock.configure({ latencyMs: 3_000 })
    await writePost(page, 'Slow server')
    await expect(page.getByRole('button', { name: 'Posting…' })).toHaveAttribute('aria-disabled', 'true')
    expect(await textContrast(page, 'form .button-primary[aria-disabled="true"]')).toBeGreaterThanOrEqual(4.5)
    await expect(page.getByRole('status').filter({ hasText: 'Posted.' })).toBeVisible({ timeout: 15_000 })
    await mock.configure({ latencyMs: 0 })
  })

  test('the closed session inspector button never covers the text of a post', async ({ page, target }) => {
    test.skip(target !== 'mock-mode', 'the inspector exists in mock mode only')
    await logInAsDemo(page)
    await navLink(page, 'Board').click()
    await expectBoard(page)
    const toggle = page.getByRole('button', { name: 'Session inspector' })
    await expect(toggle).toBeVisible()
    // Scrolled through the whole page, step by step: no post's box ever meets the button's on the screen.
    const covered = await page.evaluate(async () => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Session inspector'))!
      const hits: string[] = []
      const max = document.documentElement.scrollHeight - innerHeight
      for (let y = 0; y <= max + 40; y += 40) {
        window.scrollTo(0, Math.min(y, max))
        await new Promise(requestAnimationFrame)
        const b = button.getBoundingClientRect()
        for (const post of document.querySelectorAll('.post')) {
          const a = post.getBoundingClientRect()
          if (a.x < b.right && b.x < a.right && a.y < b.bottom && b.y < a.bottom && b.bottom > 0 && b.top < innerHeight) hits.push(`${post.querySelector('h3')?.textContent} at ${window.scrollY}`)
        }
      }
      return hits
    })
    expect(covered).toEqual([])
  })
})
