import { decodeJwt } from 'jose'
import type { MockControl } from '../../packages/silent-refresh/src/testing/server/core/control'
import { DEMO_USER } from '../../packages/silent-refresh/src/testing/server/core/seed'

/** Where the contract runs: msw/node in-process, or `npm run mock:server` over real HTTP. */
export interface ContractTarget {
  kind: 'msw' | 'http'
  control: MockControl
  /** A new client: its own cookie jar, like a new browser profile. */
  client(): TestClient
  /**
   * Lets logins without a DPoP proof through (`configure({ dpop: 'optional' })`; the default is `required`). A server
   * under `npm run contract` without the config control keeps its own policy.
   */
  allowBearer(): Promise<void>
}

export interface SetCookie {
  name: string
  value: string
  /** Attribute names in lower case; flags map to true. */
  attributes: Record<string, string | true>
  raw: string
}

export interface TestResponse {
  status: number
  headers: Headers
  body: unknown
  /** Error code of a JSON error body. */
  error: string | undefined
  /** The `DPoP-Nonce` header. */
  nonce: string | null
  cookies: SetCookie[]
  refreshCookie: SetCookie | undefined
}

export interface SendOptions {
  json?: unknown
  body?: string | Uint8Array<ArrayBuffer>
  headers?: Record<string, string>
  /** Sends `Authorization: <scheme> <token>`. */
  token?: string
  /** The scheme `token` goes with: `Bearer` unless told. */
  scheme?: 'Bearer' | 'DPoP'
  /** A DPoP proof, sent in the `DPoP` header. */
  dpop?: string
  /** Sends this refresh token instead of the jar's. */
  cookie?: string
  /** Sends this whole Cookie header instead (two refresh cookies...). */
  rawCookie?: string
  /** `X-Requested-With: XMLHttpRequest`, on unless false. */
  xhr?: boolean
  signal?: AbortSignal
}

export interface Session {
  accessToken: string
  refreshToken: string
  user: { id: string; email: string; name: string; createdAt: string }
}

export interface TestClient {
  /** The absolute URL of `path` as this client addresses it (a DPoP proof's `htu`). */
  url(path: string): string
  /** The last `DPoP-Nonce` this client was given. */
  nonce(): string | undefined
  send(method: string, path: string, options?: SendOptions): Promise<TestResponse>
  /** The refresh token in this client's jar. */
  refreshToken(): string | undefined
  login(credentials?: { email: string; password: string }): Promise<Session>
  signup(input: { email: string; name: string; password: string }): Promise<Session>
  refresh(options?: SendOptions): Promise<TestResponse>
}

export function parseSetCookie(raw: string): SetCookie {
  const [pair = '', ...rest] = raw.split(';')
  const separator = pair.indexOf('=')
  const attributes: Record<string, string | true> = {}
  for (const part of rest) {
    const [key = '', ...value] = part.trim().split('=')
    attributes[key.toLowerCase()] = value.length > 0 ? value.join('=') : true
  }
  return { name: pair.slice(0, separator).trim(), value: pair.slice(separator + 1).trim(), attributes, raw }
}

/** A client holding its own one-cookie jar: the refresh cookie, sent only under its Path. */
export function createTestClient(origin: string): TestClient {
  let jar: string | undefined
  let lastNonce: string | undefined

  async function send(method: string, path: string, options: SendOptions = {}): Promise<TestResponse> {
    const headers = new Headers(options.headers)
    if (options.xhr !== false) headers.set('X-Requested-With', 'XMLHttpRequest')
    if (options.token !== undefined) headers.set('Authorization', `${options.scheme ?? 'Bearer'} ${options.token}`)
    if (options.dpop !== undefined) headers.set('DPoP', options.dpop)
    let body: BodyInit | undefined = options.body
    if (options.json !== undefined) {
      body = JSON.stringify(options.json)
      if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json')
    }
    const cookie = options.cookie ?? jar
    if (cookie !== undefined && path.startsWith('/api/auth/')) headers.set('Cookie', `refresh_token=${cookie}`)
    if (options.rawCookie !== undefined) headers.set('Cookie', options.rawCookie)

    const response = await fetch(origin + path, { method, headers, body, signal: options.signal })
    const text = await response.text()
    const parsed: unknown = response.headers.get('content-type')?.includes('json') && text !== '' ? JSON.parse(text) : text
    const cookies = response.headers.getSetCookie().map(parseSetCookie)
    const refreshCookie = cookies.find((c) => c.name === 'refresh_token')
    if (refreshCookie) jar = refreshCookie.attributes['max-age'] === '0' ? undefined : refreshCookie.value
    lastNonce = response.headers.get('dpop-nonce') ?? lastNonce
    const error = typeof parsed === 'object' && parsed !== null ? (parsed as { error?: string }).error : undefined
    return { status: response.status, headers: response.headers, body: parsed, error, nonce: response.headers.get('dpop-nonce'), cookies, refreshCookie }
  }

  async function session(path: string, json: unknown, expected: number): Promise<Session> {
    const response = await send('POST', path, { json })
    if (response.status !== expected) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`)
    const body = response.body as Omit<Session, 'refreshToken'>
    return { ...body, refreshToken: response.refreshCookie?.value ?? '' }
  }

  return {
    url: (path) => origin + path,
    nonce: () => lastNonce,
    send,
    refreshToken: () => jar,
    login: (credentials = DEMO_USER) => session('/api/auth/login', { email: credentials.email, password: credentials.password }, 200),
    signup: (input) => session('/api/auth/signup', input, 201),
    refresh: (options) => send('POST', '/api/auth/refresh', options),
  }
}

export const claimsOf = (token: string) => decodeJwt(token) as Record<string, unknown> & { iat: number; exp: number }

const base64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')

/** A token with the same header and signature but other claims: its signature no longer matches. */
export function withClaims(token: string, changes: Record<string, unknown>): string {
  const [header = '', , signature = ''] = token.split('.')
  return [header, base64url({ ...claimsOf(token), ...changes }), signature].join('.')
}

/** The same claims, unsigned (`alg: none`). */
export function unsigned(token: string): string {
  return [base64url({ alg: 'none', typ: 'JWT' }), base64url(claimsOf(token)), ''].join('.')
}

/** The same claims and signature under another header. */
export function withHeader(token: string, header: Record<string, unknown>): string {
  const [, payload = '', signature = ''] = token.split('.')
  return [base64url(header), payload, signature].join('.')
}

let emailCounter = 0
export const uniqueEmail = (prefix = 'user') => `${prefix}-${Date.now()}-${++emailCounter}@example.com`
