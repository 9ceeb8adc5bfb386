import type { Contestant } from '../contestants/contestant'
import { startMockEnv } from './mock-env'
import { requestsPerAction, runScenario, type ScenarioOutcome } from './run-scenario'
import type { Scenario } from './scenarios'

export interface RefreshBenchResult {
  scenarios: { scenario: Scenario; outcomes: ScenarioOutcome[] }[]
  /** Per contestant: requests for one GET with the token expired on both clocks, and on the server's only. */
  perAction: { contestant: Contestant; bothClocks: number | null; serverOnly: number | null }[]
}

/** Every contestant through every scenario, one after another, against one mock reset before each run. */
export async function runRefreshBench(
  contestants: readonly Contestant[],
  scenarios: readonly Scenario[],
  log: (line: string) => void,
): Promise<RefreshBenchResult> {
  const env = startMockEnv()
  try {
    const result: RefreshBenchResult = { scenarios: [], perAction: [] }
    for (const scenario of scenarios) {
      const outcomes: ScenarioOutcome[] = []
      for (const contestant of contestants) {
        const started = performance.now()
        outcomes.push(await runScenario(env, contestant, scenario))
        log(`  ${scenario.title} · ${contestant.name}: ${Math.round(performance.now() - started)} ms`)
      }
      result.scenarios.push({ scenario, outcomes })
    }
    for (const contestant of contestants) {
      result.perAction.push({
        contestant,
        bothClocks: await requestsPerAction(env, contestant, true),
        serverOnly: await requestsPerAction(env, contestant, false),
      })
    }
    return result
  } finally {
    env.close()
  }
}
