import type { Page, Response } from '@playwright/test'

/** A JSON Web Token anywhere in a string (base64url header and payload both start with `{"`). */
export const JWT_PATTERN = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/

const TOKEN_PATHS = new Set(['/api/auth/login', '/api/auth/signup', '/api/auth/refresh'])

/** Every token the page was given: access tokens from the answers' bodies, refresh tokens from their Set-Cookie. */
export interface TokenCapture {
  /** Waits for the answers still being read, then lists the tokens. */
  accessTokens(): Promise<string[]>
  refreshTokens(): Promise<string[]>
}

export function captureTokens(page: Page): TokenCapture {
  const access = new Set<string>()
  const refresh = new Set<string>()
  const reading: Array<Promise<void>> = []

  async function read(response: Response): Promise<void> {
    const cookie = /refresh_token=([^;]+)/.exec((await response.headerValue('set-cookie')) ?? '')?.[1]
    if (cookie) refresh.add(cookie)
    const body = (await response.json().catch(() => null)) as { accessToken?: unknown } | null
    if (typeof body?.accessToken === 'string') access.add(body.accessToken)
  }

  page.on('response', (response) => {
    if (response.ok() && TOKEN_PATHS.has(new URL(response.url()).pathname)) reading.push(read(response))
  })
  return {
    accessTokens: async () => (await Promise.all(reading), [...access]),
    refreshTokens: async () => (await Promise.all(reading), [...refresh]),
  }
}

/** The `jti` claim of a JWT. */
export function tokenId(token: string): string {
  const payload = token.split('.')[1] ?? ''
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { jti?: unknown }
  if (typeof claims.jti !== 'string') throw new Error('token has no jti')
  return claims.jti
}
