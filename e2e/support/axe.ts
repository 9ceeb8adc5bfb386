import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, type TestInfo } from '@playwright/test'

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/** Runs axe on the page as it is now; attaches the result and expects no violation at WCAG 2.2 AA (as accessibility.spec.ts). */
export async function expectNoAxeViolations(page: Page, testInfo: TestInfo, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  await testInfo.attach(`axe ${state}`, { body: JSON.stringify({ state, passes: results.passes.length, violations: summary }, null, 2), contentType: 'application/json' })
  expect(summary, `axe violations on ${state}`).toEqual([])
}
