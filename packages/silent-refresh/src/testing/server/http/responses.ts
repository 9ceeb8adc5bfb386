import { HttpResponse } from 'msw'
import type { ApiError } from './api-error'

// Token-bearing answers must never be cached (RFC 6749 §5.1); the mock sends it on every answer.
const NO_STORE = { 'Cache-Control': 'no-store' }

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return HttpResponse.json(body as never, { status, headers: { ...NO_STORE, ...headers } })
}

export function noContent(headers: Record<string, string> = {}, status = 204): Response {
  return new HttpResponse(null, { status, headers: { ...NO_STORE, ...headers } })
}

export function errorJson(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return json({ error: code, message }, status, headers)
}

export function apiErrorResponse(error: ApiError): Response {
  return errorJson(error.status, error.code, error.message, error.headers)
}
