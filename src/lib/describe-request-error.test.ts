import { AxiosError, AxiosHeaders, type AxiosResponse } from 'axios'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AuthRequestError, RefreshUnavailableError, SessionExpiredError } from 'silent-refresh'
import { describeRequestError } from './describe-request-error'
import { formatWait } from './format-wait'

function httpError(status: number, data: unknown = {}, headers: Record<string, string> = {}): AxiosError {
  const response = { status, data, headers: new AxiosHeaders(headers), statusText: '', config: { headers: new AxiosHeaders() } } as AxiosResponse
  return new AxiosError(`status ${status}`, 'ERR_BAD_RESPONSE', undefined, undefined, response)
}
const networkError = () => new AxiosError('Network Error', 'ERR_NETWORK')

describe('describeRequestError', () => {
  afterEach(() => vi.unstubAllGlobals())

  it.each([
    ['a 400 with the server’s reason', httpError(400, { error: 'invalid_request', message: 'title must be at most 200 characters' }), 'The server did not accept this: title must be at most 200 characters'],
    ['a 400 without one', httpError(400, {}), 'The server did not accept this. Check it and try again.'],
    ['a 500', httpError(500, { error: 'internal' }), 'The server is having trouble right now — this is not something you did. Try again in a moment.'],
    ['a proxy’s 502', httpError(502, '<html>Bad Gateway</html>'), 'The server is having trouble right now — this is not something you did. Try again in a moment.'],
    ['a 503', httpError(503), 'The server is having trouble right now — this is not something you did. Try again in a moment.'],
    ['a 429 of 896 s', httpError(429, {}, { 'retry-after': '896' }), 'Too many attempts. Try again in about 15 minutes.'],
    ['a 429 of 1 s', httpError(429, {}, { 'retry-after': '1' }), 'Too many attempts. Try again in 1 second.'],
    ['a 429 without a wait', httpError(429), 'Too many attempts. Try again later.'],
    ['a network error', networkError(), "Can't reach the server. Check your connection; try again in a moment."],
    ['a refresh that got a 502', new RefreshUnavailableError('x', { status: 502, retryAt: 0 }), 'The server is having trouble right now — this is not something you did. Try again in a moment.'],
    ['a refresh without an answer', new RefreshUnavailableError('x', { status: null, retryAt: 0 }), "Can't reach the server. Check your connection; try again in a moment."],
    ['an ended session', new SessionExpiredError(), 'Your session has ended — please log in again'],
    ['a login rate limit', new AuthRequestError('x', { code: 'too_many_attempts', status: 429, retryAfterSeconds: 60 }), 'Too many attempts. Try again in about 1 minute.'],
    ['something unknown', new Error('?'), 'Something went wrong. Try again.'],
  ])('words %s', (_label, error, words) => {
    expect(describeRequestError(error)).toBe(words)
  })

  it('says "offline" when the browser is offline', () => {
    vi.stubGlobal('navigator', { onLine: false })
    expect(describeRequestError(networkError(), { retry: 'Post it', kept: 'Your draft is kept.' })).toBe(
      'You are offline. Your draft is kept. Post it again when your connection is back.',
    )
  })
})

describe('formatWait', () => {
  it.each([
    [0, '0 seconds'],
    [1, '1 second'],
    [59, '59 seconds'],
    [60, 'about 1 minute'],
    [61, 'about 2 minutes'],
    [896, 'about 15 minutes'],
    [3600, 'about 1 hour'],
    [7200.5, 'about 3 hours'],
  ])('%s s → %s', (seconds, words) => {
    expect(formatWait(seconds)).toBe(words)
  })
})
