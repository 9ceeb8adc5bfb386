import { expect } from 'vitest'
import type { TestResponse } from './harness'

export const SECOND = 1000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

const COOKIE_FORM = /^refresh_token=[\w-]+\.[\w-]+\.[\w-]+; HttpOnly; Secure; SameSite=Strict; Path=\/api\/auth; Max-Age=\d+$/

/** The refresh cookie exactly as the contract writes it. */
export function expectRefreshCookie(response: TestResponse, maxAgeSeconds?: number): void {
  const cookie = response.refreshCookie
  expect(cookie, 'a refresh cookie').toBeDefined()
  expect(cookie?.raw).toMatch(COOKIE_FORM)
  expect(cookie?.attributes).toMatchObject({ httponly: true, secure: true, samesite: 'Strict', path: '/api/auth' })
  if (maxAgeSeconds !== undefined) expect(cookie?.attributes['max-age']).toBe(String(maxAgeSeconds))
}

export function expectClearedCookie(response: TestResponse): void {
  expect(response.refreshCookie?.value, 'the refresh cookie cleared').toBe('')
  expect(response.refreshCookie?.attributes).toMatchObject({ path: '/api/auth', 'max-age': '0' })
}

export function expectError(response: TestResponse, status: number, code: string): void {
  expect({ status: response.status, error: response.error }).toEqual({ status, error: code })
  expect((response.body as { message?: unknown }).message).toEqual(expect.any(String))
}

export function expectRefreshRefused(response: TestResponse): void {
  expectError(response, 401, 'invalid_refresh_token')
  expectClearedCookie(response)
}

/**
 * Marks a check of our mock's own extras (trimming, length limits, message text, a challenge's exact wording and
 * parameter order, nonces in "off" mode, email case): `npm run contract` reports a server that differs there as a
 * mock-only difference, never as a failure, since the contract allows it.
 */
export const mockOnly = (title: string) => `${title} [mock-only]`

/** The auth-params of a `WWW-Authenticate` challenge of `scheme`, in any order (RFC 9110 §11.2). */
export function challengeParams(header: string | null, scheme: string): Record<string, string> | null {
  const match = header === null ? null : new RegExp(`^${scheme}(?:\\s+(.*))?$`, 'i').exec(header.trim())
  if (!match) return null
  const params: Record<string, string> = {}
  for (const [, name = '', quoted, token] of (match[1] ?? '').matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    params[name.toLowerCase()] = quoted ?? token ?? ''
  }
  return params
}

/** A challenge of `scheme` with these params (others may follow, in any order), and with none of `absent`. */
export function expectChallenge(response: TestResponse, scheme: string, params: Record<string, string | RegExp>, absent: string[] = []): void {
  const found = challengeParams(response.headers.get('www-authenticate'), scheme)
  expect(found, `a WWW-Authenticate: ${scheme} challenge`).not.toBeNull()
  for (const [name, value] of Object.entries(params)) {
    if (value instanceof RegExp) expect(found?.[name], name).toMatch(value)
    else expect(found?.[name], name).toBe(value)
  }
  for (const name of absent) expect(found, `no ${name}`).not.toHaveProperty(name)
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/
