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

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/
