import type { ReloadResult } from '../browser/reload-bench'

export function browserSection(result: ReloadResult): string {
  if ('skipped' in result) return `## Reload in Chromium\n\nSkipped: ${result.skipped}.`
  const { requests, phasesMs } = result
  return [
    '## Reload in Chromium',
    '',
    `Production build (\`vite preview\`, \`/api\` proxied to the mock's HTTP server with real HttpOnly cookies), Chromium ${result.chromium} headless. Logged in once as the demo user, then the profile page reloaded ${result.reloads} times after one warm-up reload; time from navigation start to the user's email on screen.`,
    '',
    `- Median: **${result.medianMs} ms** (each reload: ${result.timesMs.join(', ')} ms)`,
    `- Medians since navigation start: app script in at ${phasesMs.script} ms, refresh answered at ${phasesMs.refresh} ms, \`GET /api/me\` answered at ${phasesMs.me} ms, content at ${result.medianMs} ms`,
    `- Requests per reload: ${requests.total} — ${requests.document} document, ${requests.assets} script/style, ${requests.api.length} API (${requests.api.map((r) => `\`${r}\``).join(', ')})`,
  ].join('\n')
}

export function browserReading(result: ReloadResult): string {
  if ('skipped' in result) return ''
  return `Chromium: a reload of a protected page makes ${result.requests.api.length} API calls (${result.requests.api.join(', ')}) and shows the content in ${result.medianMs} ms (median).`
}
