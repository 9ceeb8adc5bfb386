import type { ReloadResult } from '../browser/reload-bench'
import type { ReloadCell } from '../browser/reload-matrix'
import { SLOW_MOBILE, type SlowMobileCell } from '../browser/slow-mobile'
import { markdownTable } from '../lib/markdown'

const orDash = (value: number | null) => (value === null ? '—' : String(value))

function matrixTable(cells: ReloadCell[]): string {
  return markdownTable(
    ['latency', 'page', 'visitor', 'scheme', 'user data at', 'after the refresh answer', 'content at', 'refresh left at', 'refresh answered', 'app code in at', 'API round trips before data / content', 'refreshes per load'],
    cells.map((c) => [
      `${c.latencyMs} ms`,
      `\`${c.page}\``,
      c.visitor,
      c.scheme,
      `**${c.userDataMs} ms**`,
      c.refreshEndMs === null ? '—' : `+${c.userDataMs - c.refreshEndMs} ms`,
      c.contentMs === null ? '—' : `${c.contentMs} ms`,
      c.refreshStartMs === null ? 'none' : `${c.refreshStartMs} ms`,
      orDash(c.refreshEndMs),
      orDash(c.appRenderMs),
      `${c.roundTripsBeforeData} / ${c.roundTripsBeforeContent}`,
      String(c.refreshesPerLoad),
    ]),
  )
}

/** The slow-mobile first-paint matrix (issue 24): when the refresh left, the first paint, when the page was usable. */
export function slowMobileTable(cells: SlowMobileCell[]): string {
  const { latencyMs, downloadKbps, cpuSlowdown } = SLOW_MOBILE
  return [
    `### First paint and first refresh on a slow mobile network`,
    '',
    `Chromium's emulation over CDP: ${latencyMs} ms round trip per request, ${downloadKbps / 1000} Mbps down, CPU ${cpuSlowdown}× slower; cache disabled (every script fetched again) except in the *cached* rows, a new tab each load whose scripts and stylesheet come from the browser's cache (the build's files are served \`immutable\`, as docs/security-headers.md asks of a deployment). Medians of ${cells[0]?.runs ?? 0} loads after a warm-up, ms after navigation start. *Usable*: the login form in the page (first visit; /profile sends an anonymous visitor there), the user's email (returning; /login sends a signed-in visitor on to the profile). *Form in the HTML*: the form was in the document before any of the app's script had run. *Same tab*: the loads happen in one tab (Chromium keeps its renderer, as on a reload); otherwise each load opens a new tab. \`/bench-floor.html\` is the floor: one paragraph and a 1 KB module that sends the refresh request at once (without the cookie), what this machine, browser and emulated network allow before any of the app's work; \`/bench-floor-keyed.html\` is that floor with the start-up refresh's obligations and none of the app's code: its 1 KB module takes a Web Lock and reads the stored DPoP key from IndexedDB side by side, signs once with the key, then sends the request. *HTML in at*: the navigation's \`responseEnd\`; *first module in at*: the page's module script's \`responseEnd\`; *refresh left after the HTML*: each load's *refresh left at* minus its *HTML in at* (median): the page's own share (one round trip for the first module, its download, its run, the lock, the key and the proof), which the machine's and the browser's start-up do not enter.`,
    '',
    markdownTable(
      ['page', 'visitor', 'HTML in at', 'first module in at', 'refresh left at', 'refresh left after the HTML', 'first contentful paint', 'usable at', 'form in the HTML', 'app code in at', 'refreshes per load'],
      cells.map((c) => [
        `\`${c.page}\``,
        c.visitor,
        orDash(c.htmlInMs),
        orDash(c.firstModuleInMs),
        c.refreshLeftMs === null ? 'none' : `**${c.refreshLeftMs} ms**`,
        c.refreshAfterHtmlMs === null ? '—' : `**${c.refreshAfterHtmlMs} ms**`,
        c.firstContentfulPaintMs === null ? '—' : `**${c.firstContentfulPaintMs} ms**`,
        orDash(c.usableMs),
        c.visitor === 'first visit' ? (c.formInHtml ? 'yes' : 'no') : '—',
        orDash(c.appRenderMs),
        String(c.refreshesPerLoad),
      ]),
    ),
  ].join('\n')
}

/** Where the first module's time goes before the refresh leaves: its \`boot:…\` marks, for the rows that sent a refresh. */
export function bootStepsTable(cells: SlowMobileCell[]): string {
  const steps = ['start', 'key-read', 'lock-acquired', 'proof-signed', 'fetch'] as const
  const rows = cells.filter((c) => c.refreshLeftMs !== null)
  return [
    'The first module\'s steps (the `boot:…` marks of `silent-refresh/boot`, medians, ms after navigation start): *start*, it began to run; *key read*, the DPoP key out of IndexedDB; *lock*, the tabs\' refresh lock granted; *proof*, the DPoP proof signed; *fetch*, `fetch` called. *Refresh left at* is when the browser began to send it.',
    '',
    markdownTable(
      ['page', 'visitor', 'first module in at', 'start', 'key read', 'lock', 'proof', 'fetch', 'refresh left at'],
      rows.map((c) => [`\`${c.page}\``, c.visitor, orDash(c.firstModuleInMs), ...steps.map((step) => orDash(c.bootMarksMs[step] ?? null)), orDash(c.refreshLeftMs)]),
    ),
  ].join('\n')
}

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
    '',
    '### Reload in one round trip: latency, pages, first visits',
    '',
    `The same build; the mock answers every API call after \`latencyMs\` (0, then 300: a slow mobile network). Medians of ${result.matrix[0]?.runs ?? 0} page loads after a warm-up. *User data*: the email on \`/profile\`, the name in the header on \`/board\`; for a first visit (no session hint, no cookie), the login form. *Content*: the board's posts (they need the token: the refresh, then \`GET /api/posts\`). Round trips count API requests in sequence before that moment (goal: 1 for the user's data, 0 for a first visit). "After the refresh answer": how long the data took to show once the refresh's answer had arrived (goal: under half a round trip). *App code in at*: when React, the router and the route's chunk had loaded (\`performance.mark('app:render')\`): the refresh leaves before it, from the page's small first module.`,
    '',
    matrixTable(result.matrix),
    '',
    slowMobileTable(result.slowMobile),
    '',
    bootStepsTable(result.slowMobile),
  ].join('\n')
}

export function browserReading(result: ReloadResult): string {
  if ('skipped' in result) return ''
  const slow = result.matrix.find((c) => c.latencyMs === 300 && c.page === '/profile' && c.visitor === 'returning')
  const first = result.matrix.find((c) => c.latencyMs === 300 && c.visitor === 'first visit')
  const oneTrip = slow && slow.refreshEndMs !== null
    ? ` With 300 ms latency a reload of /profile shows the email ${slow.userDataMs} ms after navigation, ${slow.userDataMs - slow.refreshEndMs} ms after the refresh answer (${slow.roundTripsBeforeData} API round trip); a first visit makes ${first?.refreshStartMs === null ? 'no' : 'a'} refresh call.`
    : ''
  return `Chromium: a reload of a protected page makes ${result.requests.api.length} API ${result.requests.api.length === 1 ? 'call' : 'calls'} (${result.requests.api.join(', ')}) and shows the content in ${result.medianMs} ms (median).${oneTrip}`
}
