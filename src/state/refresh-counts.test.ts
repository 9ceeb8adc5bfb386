import { describe, expect, it } from 'vitest'
import { countRefreshEvent, NO_REFRESHES } from './refresh-counts'

describe('countRefreshEvent', () => {
  it('counts starts, successes and failures by reason', () => {
    const counts = [
      { type: 'refresh-start', reason: 'restore' },
      { type: 'refresh-success', reason: 'restore' },
      { type: 'refresh-start', reason: 'after-401' },
      { type: 'refresh-failure', reason: 'after-401', error: new Error('down') },
      { type: 'refresh-start', reason: 'after-401' },
    ] as const
    const result = counts.reduce(countRefreshEvent, NO_REFRESHES)
    expect(result.restore).toEqual({ started: 1, succeeded: 1, failed: 0 })
    expect(result['after-401']).toEqual({ started: 2, succeeded: 0, failed: 1 })
    expect(result['before-request']).toEqual({ started: 0, succeeded: 0, failed: 0 })
  })

  it('ignores session events', () => {
    expect(countRefreshEvent(NO_REFRESHES, { type: 'session-start', via: 'login' })).toBe(NO_REFRESHES)
    expect(countRefreshEvent(NO_REFRESHES, { type: 'session-end', reason: 'logout' })).toBe(NO_REFRESHES)
  })
})
