import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { pathToFileURL } from 'node:url'

/**
 * An OAuth 2.0 token endpoint with a refresh cookie, on node:http, written from the RFCs (6749, 6750, 7009, OpenID
 * Connect's userinfo) and nothing of this project's contract: the dialect `profile.ts` describes.
 *
 * `POST /oauth/token` (a form: `grant_type=password` or `refresh_token`, `client_id=spa`), `POST /oauth/revoke`,
 * `GET /oauth/userinfo`, `GET /api/orders`. Access tokens are opaque; the refresh token is an opaque string in the
 * cookie `rt` (HttpOnly, `Path=/oauth`), rotated on every refresh; a used one presented again revokes its login.
 * No test controls over HTTP: tests move its clock in process.
 */
export interface OAuthServerOptions {
  /** 0 picks a free port (default). */
  port?: number
  /** Access token lifetime in seconds. Default 300. */
  accessTtlSeconds?: number
  /** The server's clock (ms). Default `Date.now`; `advanceClock` moves it further. */
  now?: () => number
  /**
   * The body `GET /oauth/userinfo` answers for the signed-in user. Default OpenID Connect's `{ sub, email, name }`;
   * another shape stands for a backend whose user endpoint names its fields otherwise (read by `readUserResponse`).
   */
  userinfo?: (user: { sub: string; email: string; name: string }) => unknown
}

export interface OAuthServer {
  url: string
  advanceClock(ms: number): void
  /** Requests received per `METHOD path` and, for the token endpoint, per grant (`POST /oauth/token refresh_token`). */
  calls(): Record<string, number>
  /** The bodies the token endpoint received, with their content type, in order. */
  tokenRequests(): Array<{ contentType: string; body: string }>
  close(): Promise<void>
}

export const OAUTH_DEMO_USER = { email: 'ada@example.com', password: 'correct-horse-battery', name: 'Ada Lovelace' }
const CLIENT_ID = 'spa'

export async function startOAuthServer(options: OAuthServerOptions = {}): Promise<OAuthServer> {
  const accessTtl = options.accessTtlSeconds ?? 300
  let offset = 0
  const now = () => (options.now ?? Date.now)() + offset
  const salt = randomBytes(16)
  const hash = (password: string) => scryptSync(password, salt, 32)
  const user = { sub: 'user-7', email: OAUTH_DEMO_USER.email, name: OAUTH_DEMO_USER.name, passwordHash: hash(OAUTH_DEMO_USER.password) }
  const accessTokens = new Map<string, { sub: string; expiresAt: number }>()
  const refreshTokens = new Map<string, { sub: string; family: string; used: boolean }>()
  const revoked = new Set<string>()
  const calls: Record<string, number> = {}
  const tokenRequests: Array<{ contentType: string; body: string }> = []
  const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

  const sockets = new Set<Socket>()
  const server = createServer((request, response) => void handle(request, response))
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
    // RFC 6749 §5.1: token answers are never cached.
    const common = { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...headers }
    if (body === undefined) response.writeHead(status, common).end()
    else response.writeHead(status, { ...common, 'Content-Type': 'application/json;charset=UTF-8' }).end(JSON.stringify(body))
  }
  const oauthError = (response: ServerResponse, status: number, error: string, description: string, headers: Record<string, string | string[]> = {}) =>
    send(response, status, { error, error_description: description }, headers)
  const refreshCookie = (token: string) => `rt=${token}; Path=/oauth; HttpOnly; SameSite=Strict; Max-Age=${14 * 24 * 3600}`
  const clearedCookie = 'rt=; Path=/oauth; HttpOnly; SameSite=Strict; Max-Age=0'

  function issue(response: ServerResponse, sub: string, family: string): void {
    const access = randomBytes(24).toString('base64url')
    accessTokens.set(access, { sub, expiresAt: now() + accessTtl * 1000 })
    const refresh = randomBytes(32).toString('base64url')
    refreshTokens.set(sha256(refresh), { sub, family, used: false })
    send(response, 200, { access_token: access, token_type: 'Bearer', expires_in: accessTtl, scope: 'openid profile email' }, { 'Set-Cookie': refreshCookie(refresh) })
  }

  function cookie(request: IncomingMessage, name: string): string | undefined {
    for (const pair of (request.headers.cookie ?? '').split(';')) {
      const [key, ...value] = pair.trim().split('=')
      if (key === name) return value.join('=')
    }
    return undefined
  }

  /** RFC 6750: `Authorization: Bearer <token>`, else 401 with its challenge. */
  function bearer(request: IncomingMessage, response: ServerResponse): string | null {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1]
    const found = token ? accessTokens.get(token) : undefined
    if (found && found.expiresAt > now()) return found.sub
    const challenge = token ? 'Bearer realm="api", error="invalid_token", error_description="The access token expired or is invalid"' : 'Bearer realm="api"'
    send(response, 401, undefined, { 'WWW-Authenticate': challenge })
    return null
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0]!
    const key = `${request.method} ${path}`
    calls[key] = (calls[key] ?? 0) + 1
    const chunks: Buffer[] = []
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk)
    const text = Buffer.concat(chunks).toString('utf8')
    const contentType = request.headers['content-type'] ?? ''
    const form = contentType.split(';')[0]!.trim() === 'application/x-www-form-urlencoded' ? new URLSearchParams(text) : null

    if (key === 'POST /oauth/token') {
      tokenRequests.push({ contentType, body: text })
      if (!form) return oauthError(response, 400, 'invalid_request', 'The token endpoint takes application/x-www-form-urlencoded')
      if (form.get('client_id') !== CLIENT_ID) return oauthError(response, 401, 'invalid_client', 'Unknown client')
      const grant = form.get('grant_type')
      calls[`${key} ${grant}`] = (calls[`${key} ${grant}`] ?? 0) + 1
      if (grant === 'password') {
        const password = form.get('password') ?? ''
        if (form.get('username') !== user.email || !timingSafeEqual(hash(password), user.passwordHash)) {
          return oauthError(response, 400, 'invalid_grant', 'Invalid username or password')
        }
        return issue(response, user.sub, randomBytes(8).toString('hex'))
      }
      if (grant === 'refresh_token') {
        const presented = cookie(request, 'rt')
        const record = presented ? refreshTokens.get(sha256(presented)) : undefined
        if (record?.used) revoked.add(record.family) // a rotated-away token again: someone copied it
        if (!record || record.used || revoked.has(record.family)) {
          return oauthError(response, 400, 'invalid_grant', 'The refresh token is invalid, used or revoked', { 'Set-Cookie': clearedCookie })
        }
        record.used = true
        return issue(response, record.sub, record.family)
      }
      return oauthError(response, 400, 'unsupported_grant_type', `grant_type ${JSON.stringify(grant)} is not supported`)
    }
    if (key === 'POST /oauth/revoke') {
      // RFC 7009 §2.2: 200 whether or not the token was valid.
      const presented = cookie(request, 'rt')
      const record = presented ? refreshTokens.get(sha256(presented)) : undefined
      if (record) revoked.add(record.family)
      return send(response, 200, undefined, { 'Set-Cookie': clearedCookie })
    }
    if (key === 'GET /oauth/userinfo') {
      const sub = bearer(request, response)
      if (sub) send(response, 200, (options.userinfo ?? ((named) => named))({ sub, email: user.email, name: user.name }))
      return
    }
    if (key === 'GET /api/orders') {
      const sub = bearer(request, response)
      if (sub) send(response, 200, [{ id: 'o-1', owner: sub, total: 42 }])
      return
    }
    oauthError(response, 404, 'not_found', `No ${key}`)
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    advanceClock: (ms) => void (offset += ms),
    calls: () => ({ ...calls }),
    tokenRequests: () => [...tokenRequests],
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

// `tsx examples/oauth-token-endpoint/server.ts` (PORT, default 4200).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = await startOAuthServer({ port: Number(process.env.PORT ?? 4200) })
  console.log(`OAuth token endpoint on ${server.url} (${OAUTH_DEMO_USER.email} / ${OAUTH_DEMO_USER.password})`)
}
