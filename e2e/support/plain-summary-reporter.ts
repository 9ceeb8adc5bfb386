import type { Reporter, TestCase } from '@playwright/test/reporter'

/** Ends a run with one plain line, `E2E: N passed, N failed, N skipped`, that any log reader understands. */
export default class PlainSummaryReporter implements Reporter {
  private readonly outcomes = new Map<TestCase, ReturnType<TestCase['outcome']>>()

  onTestEnd(test: TestCase): void {
    this.outcomes.set(test, test.outcome())
  }

  onEnd(): void {
    const counts = { passed: 0, failed: 0, skipped: 0 }
    for (const outcome of this.outcomes.values()) {
      if (outcome === 'expected' || outcome === 'flaky') counts.passed++
      else if (outcome === 'skipped') counts.skipped++
      else counts.failed++
    }
    console.log(`\nE2E: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`)
  }
}
