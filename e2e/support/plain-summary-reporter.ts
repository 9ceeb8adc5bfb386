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
    const flaky = [...this.outcomes].filter(([, outcome]) => outcome === 'flaky').map(([test]) => test.titlePath().slice(1).join(' › '))
    // Passed only on CI's one retry: counted as passed, and named, so a flaky test is seen rather than hidden.
    for (const title of flaky) console.log(`E2E flaky (passed on retry): ${title}`)
    console.log(`\nE2E: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`)
  }
}
