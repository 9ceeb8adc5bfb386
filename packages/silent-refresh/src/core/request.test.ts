import { describe, expect, it } from 'vitest'
import { decideFailure, decideRequest, type RequestTarget } from './request'
import type { CurrentToken, Freshness } from './token'

function token(freshness: Freshness, boundKey: string | null = null): CurrentToken {
  return { token: 't', freshness, decoded: { user: { id: 'u', email: '', name: '' }, issuedAt: 0, expiresAt: 1, boundKey } }
}

describe('decideRequest: send / refresh first / fail, before anything is sent', () => {
  const cases: [label: string, input: Parameters<typeof decideRequest>[0], expected: ReturnType<typeof decideRequest>][] = [
    ['another origin: untouched, even with a token', { target: 'foreign', current: token('fresh'), refreshInFlight: false, dpop: false }, { action: 'leave' }],
    ['the auth endpoints: untouched, even during a refresh', { target: 'auth', current: null, refreshInFlight: true, dpop: false }, { action: 'leave' }],
    ['a fresh Bearer token: sent at once (the synchronous path)', { target: 'api', current: token('fresh'), refreshInFlight: false, dpop: false }, { action: 'send', sign: false }],
    ['a fresh unbound token of a DPoP client: still Bearer, at once', { target: 'api', current: token('fresh'), refreshInFlight: false, dpop: true }, { action: 'send', sign: false }],
    ['a fresh bound token: sent with a proof (async)', { target: 'api', current: token('fresh', 'jkt'), refreshInFlight: false, dpop: true }, { action: 'send', sign: true }],
    ['an expiring token: refresh first', { target: 'api', current: token('expiring'), refreshInFlight: false, dpop: false }, { action: 'refresh-first' }],
    ['an expired token: refresh first', { target: 'api', current: token('expired'), refreshInFlight: false, dpop: false }, { action: 'refresh-first' }],
    ['a fresh token while a refresh runs: wait for it', { target: 'api', current: token('fresh'), refreshInFlight: true, dpop: false }, { action: 'refresh-first' }],
    ['no token but a refresh (a restore) runs: wait for it', { target: 'api', current: null, refreshInFlight: true, dpop: false }, { action: 'refresh-first' }],
    ['no token and no refresh: fail, nothing sent', { target: 'api', current: null, refreshInFlight: false, dpop: false }, { action: 'fail' }],
  ]

  it.each(cases)('%s', (_label, input, expected) => {
    expect(decideRequest(input)).toEqual(expected)
  })
})

describe('decideFailure: replay / resend / fail, after an error answer', () => {
  const base: Parameters<typeof decideFailure>[0] = { target: 'api' as RequestTarget, tokenRejected: true, nonceChallenge: false, dpop: false, replayed: false, nonceRetried: false }
  const cases: [label: string, input: Partial<Parameters<typeof decideFailure>[0]>, expected: ReturnType<typeof decideFailure>['action']][] = [
    ['the token rejected (by default 401 invalid_token): refresh (or take a newer token) and replay', {}, 'replay'],
    ['the token rejected on a replay: fail (never twice)', { replayed: true }, 'fail'],
    ['an answer the profile does not call a rejected token (a 401 without invalid_token, a 403, a 500, no answer): fail', { tokenRejected: false }, 'fail'],
    ['the auth endpoints: never replayed', { target: 'auth' }, 'fail'],
    ['another origin: never replayed', { target: 'foreign' }, 'fail'],
    ['a DPoP nonce challenge: resend with the nonce (not a refresh)', { dpop: true, tokenRejected: false, nonceChallenge: true }, 'resend-with-nonce'],
    ['a second nonce challenge: fail', { dpop: true, tokenRejected: false, nonceChallenge: true, nonceRetried: true }, 'fail'],
    ['a nonce challenge to a Bearer client: not ours to answer', { dpop: false, tokenRejected: false, nonceChallenge: true }, 'fail'],
    ['a replay whose nonce was already retried can still be replayed after a refresh', { dpop: true, nonceRetried: true }, 'replay'],
  ]

  it.each(cases)('%s', (_label, overrides, expected) => {
    expect(decideFailure({ ...base, ...overrides }).action).toBe(expected)
  })
})
