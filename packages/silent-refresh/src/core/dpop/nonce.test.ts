import { AxiosHeaders } from 'axios'
import { describe, expect, it } from 'vitest'
import { isDpopNonceChallenge, readDpopNonce } from './nonce'

describe('isDpopNonceChallenge', () => {
  it('recognises the auth endpoints\' challenge: 400 {error: "use_dpop_nonce"}', () => {
    expect(isDpopNonceChallenge({ status: 400, data: { error: 'use_dpop_nonce', message: 'use the nonce' } })).toBe(true)
  })

  it('recognises the resources\' challenge: 401 WWW-Authenticate: DPoP error="use_dpop_nonce"', () => {
    expect(isDpopNonceChallenge({ status: 401, headers: new AxiosHeaders({ 'WWW-Authenticate': 'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"' }) })).toBe(true)
    expect(isDpopNonceChallenge({ status: 401, headers: { 'www-authenticate': 'Bearer realm="api", DPoP algs="ES256", error="use_dpop_nonce"' } })).toBe(true)
    expect(isDpopNonceChallenge({ status: 401, headers: new Headers({ 'WWW-Authenticate': 'dpop error=use_dpop_nonce' }) })).toBe(true)
  })

  it('leaves every other refusal to the caller', () => {
    expect(isDpopNonceChallenge({ status: 400, data: { error: 'invalid_dpop_proof' } })).toBe(false)
    expect(isDpopNonceChallenge({ status: 400, data: '{"error":"use_dpop_nonce"}' })).toBe(false)
    expect(isDpopNonceChallenge({ status: 401, headers: { 'www-authenticate': 'DPoP algs="ES256", error="invalid_token"' } })).toBe(false)
    expect(isDpopNonceChallenge({ status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } })).toBe(false)
    expect(isDpopNonceChallenge({ status: 401, data: { error: 'use_dpop_nonce' } })).toBe(false)
    expect(isDpopNonceChallenge({ status: 403, headers: { 'www-authenticate': 'DPoP error="use_dpop_nonce"' } })).toBe(false)
    expect(isDpopNonceChallenge(undefined)).toBe(false)
  })
})

describe('readDpopNonce', () => {
  it('reads DPoP-Nonce in any case, null when absent or empty', () => {
    expect(readDpopNonce(new AxiosHeaders({ 'DPoP-Nonce': 'abc' }))).toBe('abc')
    expect(readDpopNonce({ 'dpop-nonce': ' abc ' })).toBe('abc')
    expect(readDpopNonce({ 'dpop-nonce': '' })).toBeNull()
    expect(readDpopNonce({})).toBeNull()
    expect(readDpopNonce(undefined)).toBeNull()
  })
})
