import type { Contestant } from '../contestants/contestant'
import { markdownTable } from '../lib/markdown'
import type { RefreshBenchResult } from '../refresh/refresh-bench'
import { LATENCY_MS, type ScenarioOutcome } from '../refresh/run-scenario'
import type { Ideal, Scenario } from '../refresh/scenarios'

/** How an outcome falls short of the ideal, in words; empty when it does not. */
export function shortfalls(scenario: Scenario, outcome: ScenarioOutcome): string[] {
  const { ideal } = scenario
  const found: string[] = []
  const extraCalls = ideal.maxRefreshCalls === undefined ? outcome.refreshCalls !== ideal.refreshCalls : outcome.refreshCalls > ideal.maxRefreshCalls
  if (extraCalls) found.push(`${outcome.refreshCalls} refresh calls`)
  if (ideal.failed === 0 && outcome.settled.failed > 0) found.push(`${outcome.settled.failed} of ${outcome.total} requests failed`)
  if (outcome.settled.hung > 0) found.push(`${outcome.settled.hung} requests never settled`)
  if (outcome.familiesRevoked > 0) found.push('the session\'s token family was revoked')
  if (ideal.postsCreated !== undefined && outcome.postsCreated !== ideal.postsCreated) found.push(`${outcome.postsCreated} of ${ideal.postsCreated} posts created`)
  if (outcome.session !== ideal.session) {
    found.push(
      outcome.session === 'lost'
        ? 'the session is dead but the app still thinks it is signed in'
        : outcome.session === 'ended'
          ? 'the user was logged out although the session was still valid'
          : 'the session was kept',
    )
  }
  return found
}

function cell(scenario: Scenario, outcome: ScenarioOutcome): string {
  const parts = [`${outcome.refreshCalls} / ${outcome.settled.failed}${outcome.settled.hung ? ` (+${outcome.settled.hung} hung)` : ''} / ${outcome.session}`]
  if (scenario.countsPosts) parts.push(`${outcome.postsCreated} post${outcome.postsCreated === 1 ? '' : 's'}`)
  if (outcome.familiesRevoked > 0) parts.push('family revoked')
  return `${parts.join(', ')}${shortfalls(scenario, outcome).length > 0 ? ' ⚠' : ''}`
}

function idealCell(scenario: Scenario, ideal: Ideal): string {
  const failed = ideal.failed === 0 ? '0' : `${ideal.failed} (typed)`
  const posts = ideal.postsCreated === undefined ? '' : `, ${ideal.postsCreated} posts`
  const calls = ideal.maxRefreshCalls === undefined ? `${ideal.refreshCalls}` : `≤ ${ideal.maxRefreshCalls}`
  return `${calls} / ${failed} / ${ideal.session}${posts}`
}

export function refreshSection(contestants: readonly Contestant[], result: RefreshBenchResult): string {
  const names = contestants.map((c) => c.name)
  const rows = result.scenarios.map(({ scenario, outcomes }) => [scenario.title, idealCell(scenario, scenario.ideal), ...outcomes.map((o) => cell(scenario, o))])
  const errorRows = result.scenarios
    .filter(({ outcomes }) => outcomes.some((o) => o.settled.failed > 0))
    .map(({ scenario, outcomes }) => [
      scenario.title,
      ...outcomes.map((o) =>
        Object.entries(o.settled.errors)
          .map(([name, count]) => `${count}× ${name}`)
          .join(', ') || '–',
      ),
    ])
  const perAction = result.perAction.map(({ contestant, bothClocks, serverOnly }) => [contestant.name, String(bothClocks ?? 'failed'), String(serverOnly ?? 'failed')])
  return [
    '## Refresh under concurrency and failure',
    '',
    `Each cell: **refresh calls / failed requests / session afterwards**, counted on the mock's side (\`stats()\`). The mock runs in this process behind msw/node (the handlers the tests use; MSW's cookie jar plays the browser's), so a 1000-request burst measures the clients rather than sockets; one fresh mock (rotation and reuse detection on) per cell, ${LATENCY_MS} ms latency per answer. "Token expired": the mock's clock and the client's both moved 1 h past the token's expiry. Session afterwards: *kept* (one more request succeeds without logging in, once the mock answers normally), *ended* (the app logged the user out) or *lost* (the app still believes it is signed in, but every call fails). ⚠ marks a shortfall from the ideal column.`,
    '',
    markdownTable(['scenario', 'ideal', ...names], rows),
    '',
    'What the failed requests rejected with:',
    '',
    markdownTable(['scenario', ...names], errorRows),
    '',
    '### HTTP requests for one action with an expired token',
    '',
    'One `GET /api/me`, counted on the mock (API calls + refresh calls). The ideal: 2 when the client can tell the token has expired (refresh first), 3 when it cannot (401, refresh, replay).',
    '',
    markdownTable(['contestant', 'expired on both clocks', 'expired on the server\'s clock only'], perAction),
  ].join('\n')
}

/** One bullet per contestant: ideal everywhere, or each scenario where it fell short and how. */
export function refreshReading(contestants: readonly Contestant[], result: RefreshBenchResult): string {
  const bullets = contestants.map((contestant, index) => {
    const misses = result.scenarios.flatMap(({ scenario, outcomes }) => {
      const found = shortfalls(scenario, outcomes[index]!)
      return found.length > 0 ? [`${scenario.title}: ${found.join(', ')}`] : []
    })
    if (misses.length === 0) return `- **${contestant.name}**: the ideal in every scenario.`
    return [`- **${contestant.name}**: ${misses.length} of ${result.scenarios.length} scenarios fall short —`, ...misses.map((m) => `  - ${m}`)].join('\n')
  })
  const perAction = result.perAction
    .map(({ contestant, bothClocks, serverOnly }) => `${contestant.name} ${bothClocks ?? 'failed'} / ${serverOnly ?? 'failed'}`)
    .join('; ')
  return [
    'Refresh (against the mock, counted on its side):',
    '',
    ...bullets,
    '',
    `Requests for one action with an expired token (token expired on both clocks / on the server's only): ${perAction}.`,
  ].join('\n')
}
