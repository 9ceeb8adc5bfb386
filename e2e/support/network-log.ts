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
