import { describe, expect, it } from 'vitest'
import { nextStatus as sessionReducer, type StatusChange as SessionAction, type SessionStatus } from './session-status'

function run(actions: SessionAction[], from: SessionStatus = 'unknown'): SessionStatus {
  return actions.reduce(sessionReducer, from)
}

describe('sessionReducer', () => {
  it('restores into an authenticated session', () => {
    expect(run([{ type: 'restore-started' }])).toBe('restoring')
    expect(run([{ type: 'restore-started' }, { type: 'restore-finished', hasSession: true }])).toBe('authenticated')
  })

  it('restores into an anonymous visit when there is no session', () => {
    expect(run([{ type: 'restore-started' }, { type: 'restore-finished', hasSession: false }])).toBe('anonymous')
  })

  it('starts the restore only once', () => {
    expect(run([{ type: 'restore-started' }, { type: 'restore-finished', hasSession: false }, { type: 'restore-started' }])).toBe('anonymous')
  })

  it('lets a login that finished during the restore win over a late empty restore', () => {
    expect(run([{ type: 'restore-started' }, { type: 'signed-in' }, { type: 'restore-finished', hasSession: false }])).toBe('authenticated')
  })

  it('ends a session in use, and a login starts a new one', () => {
    expect(run([{ type: 'session-ended' }], 'authenticated')).toBe('ended')
    expect(run([{ type: 'session-ended' }, { type: 'signed-in' }], 'authenticated')).toBe('authenticated')
  })

  it('treats an ending before any session as anonymous', () => {
    expect(run([{ type: 'restore-started' }, { type: 'session-ended' }])).toBe('anonymous')
    expect(run([{ type: 'session-ended' }], 'anonymous')).toBe('anonymous')
    expect(run([{ type: 'session-ended' }], 'ended')).toBe('ended')
  })

  it('signs out into an anonymous visit', () => {
    expect(run([{ type: 'signed-out' }], 'authenticated')).toBe('anonymous')
    expect(run([{ type: 'signed-out' }], 'ended')).toBe('anonymous')
  })
})
