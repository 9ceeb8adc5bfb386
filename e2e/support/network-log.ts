import type { Page, Request, Response } from '@playwright/test'

export interface NetworkEvent {
  kind: 'request' | 'response' | 'failed'
  method: string
  url: string
  /** The path of `url`, e.g. `/api/auth/refresh`. */
  path: string
  status?: number
}

/** Requests and answers of a page, in the order the page saw them, and every URL it asked for. */
export interface NetworkLog {
  events(): NetworkEvent[]
  urls(): string[]
  /** A position in the log: pass it to `since` to see only what happened after it. */
  mark(): number
  since(mark: number): NetworkEvent[]
}

function eventOf(kind: NetworkEvent['kind'], request: Request, response?: Response): NetworkEvent {
  const url = request.url()
  const event: NetworkEvent = { kind, method: request.method(), url, path: new URL(url).pathname }
  if (response) event.status = response.status()
  return event
}

/** Starts recording `page`'s network at once (requests the service worker answers included). */
export function recordNetwork(page: Page): NetworkLog {
  const events: NetworkEvent[] = []
  page.on('request', (request) => events.push(eventOf('request', request)))
  page.on('response', (response) => events.push(eventOf('response', response.request(), response)))
  page.on('requestfailed', (request) => events.push(eventOf('failed', request)))
  return {
    events: () => [...events],
    urls: () => events.filter((event) => event.kind === 'request').map((event) => event.url),
    mark: () => events.length,
    since: (mark) => events.slice(mark),
  }
}

/** The requests (not answers) among `events` to `method path`. */
export function requestsTo(events: NetworkEvent[], method: string, path: string): NetworkEvent[] {
  return events.filter((event) => event.kind === 'request' && event.method === method && event.path === path)
}

/** The answers among `events` to `method path`, by status. */
export function answersFrom(events: NetworkEvent[], method: string, path: string): Array<number | undefined> {
  return events.filter((event) => event.kind === 'response' && event.method === method && event.path === path).map((event) => event.status)
}

export const REFRESH_PATH = '/api/auth/refresh'

/** The refresh counters of the mock's `stats()` that `expectOneRefresh` reads. */
interface RefreshStats {
  refreshCalls: number
  dpopNonceChallenges: number
}

/**
 * Exactly one refresh among `events`, as the client sees it: with DPoP a refresh whose nonce is stale (a
 * reload, the mock's clock moved) is first challenged (400 `use_dpop_nonce`, nothing used up) and sent once
 * more with the new nonce. The mock counts both calls and the challenge; the challenge is the only extra.
 */
export function expectOneRefresh(events: NetworkEvent[], before: RefreshStats, after: RefreshStats): void {
  const answers = answersFrom(events, 'POST', REFRESH_PATH)
  const challenges = after.dpopNonceChallenges - before.dpopNonceChallenges
  if (challenges > 1) throw new Error(`the refresh was challenged ${challenges} times; one retry at most`)
  const expected = challenges === 1 ? [400, 200] : [200]
  if (requestsTo(events, 'POST', REFRESH_PATH).length !== expected.length || answers.join() !== expected.join() || after.refreshCalls - before.refreshCalls !== expected.length) {
    throw new Error(`expected one refresh (answers ${expected.join(', ')}), saw answers [${answers.join(', ')}] and ${after.refreshCalls - before.refreshCalls} refresh calls`)
  }
}
