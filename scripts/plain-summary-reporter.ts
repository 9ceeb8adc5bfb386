import type { Reporter, TestModule } from 'vitest/node'

/** Ends a run with one plain line, `Tests: N passed, N failed, N skipped`, that any log reader understands. */
export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 }
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') counts.passed++
        else if (state === 'failed') counts.failed++
        else counts.skipped++
      }
      // A file that fails to load has no tests but is a failure all the same.
      if (testModule.state() === 'failed' && testModule.children.size === 0) counts.failed++
    }
    console.log(`\nTests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`)
  }
}
