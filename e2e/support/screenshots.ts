import { mkdir, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Page, TestInfo } from '@playwright/test'

const KEPT_DIR = fileURLToPath(new URL('../screenshots/', import.meta.url))

/**
 * Saves a screenshot of the page as a test artifact (attached to the report). With UPDATE_SCREENSHOTS=1 it is also
 * written to e2e/screenshots/<project>-<name>.png, the committed copies the README shows.
 */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = `${testInfo.project.name}-${name}.png`
  const image = await page.screenshot({ path: testInfo.outputPath(file), animations: 'disabled', caret: 'hide' })
  await testInfo.attach(name, { body: image, contentType: 'image/png' })
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    await mkdir(KEPT_DIR, { recursive: true })
    await writeFile(`${KEPT_DIR}${file}`, image)
  }
}
