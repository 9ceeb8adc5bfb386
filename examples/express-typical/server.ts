import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { pathToFileURL } from 'node:url'
import { jwtVerify, SignJWT } from 'jose'

/**
 * A backend written the way the jsonwebtoken + cookie-parser tutorials teach it, on node:http (no express needed):
 * the shape `profile.ts` describes, and nothing of this project's contract beyond it. It is what the conformance
 * check, the core's Node tests and the e2e specs run against to prove that a profile file is all a team needs.
 *
 * `POST /auth/register|login|refresh|logout`, `GET /auth/me`; `GET /api/me`, `GET|POST /api/posts`. The refresh
 * token is an opaque random string in the cookie `jid` (HttpOnly, `Path=/auth`), rotated on every refresh; a used
 * one presented again revokes its whole login. No `/__mock` controls: tests move its clock and lose its answers
 * in process only.
 */
export interface TypicalServerOptions {
  /** 0 picks a free port (default). */
  port?: number
  host?: string
  /** A JWT without `typ` (`{ userId, email, iat, exp }`, as `jwt.sign` makes it) or an opaque random string. Default `jwt`. */
  accessToken?: 'jwt' | 'opaque'
  /** The status of a refused refresh (a missing cookie is always 401). Default 403, the other common pattern. */
  refusedRefreshStatus?: 401 | 403
  /** Access token lifetime in seconds. Default 900 (15 minutes). */
  accessTtlSeconds?: number
  /** Refresh token lifetime in seconds, counted from login. Default 7 days. */
  refreshTtlSeconds?: number
  /** The server's clock (ms). Default `Date.now`; `advanceClock` moves it further. */
  now?: () => number
}

export interface TypicalServer {
  /** e.g. `http://127.0.0.1:43210` */
  url: string
  /** Moves this server's clock (in process only: the server has no test controls over HTTP). */
  advanceClock(ms: number): void
  /** The next answer of `path` is lost: the request is handled completely, then the connection is dropped. */
  loseNextAnswer(path: string): void
  /** Requests received per path (`/auth/refresh`: 2, …). */
  calls(): Record<string, number>
  /** The paths that received an `Authorization` header, each once, in order. */
  tokenSentTo(): string[]
  close(): Promise<void>
}

export const TYPICAL_DEMO_USER = { email: 'demo@example.com', password: 'demo-pass-123', name: 'Demo User' }

interface StoredUser {
  id: string
  email: string
  name: string
  createdAt: string
  passwordHash: Buffer
  salt: Buffer
}

interface RefreshRecord {
  userId: string
  family: string
  used: boolean
  expiresAt: number
}

interface Post {
  id: string
  title: string
  body: string
  author: { id: string; name: string }
  createdAt: string
}

type Req = IncomingMessage & { body: Record<string, unknown>; cookies: Record<string, string> }
interface Res {
  status(code: number): Res
  json(body: unknown): void
  sendStatus(code: number): void
  cookie(name: string, value: string, options: { maxAge: number }): Res
  clearCookie(name: string): Res
}

const hashPassword = (password: string, salt: Buffer) => scryptSync(password, salt, 32)
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

export async function startTypicalServer(options: TypicalServerOptions = {}): Promise<TypicalServer> {
  const accessTtl = options.accessTtlSeconds ?? 900
  const refreshTtl = options.refreshTtlSeconds ?? 7 * 24 * 3600
  const refused = options.refusedRefreshStatus ?? 403
  const secret = randomBytes(32)
  let offset = 0
  const now = () => (options.now ?? Date.now)() + offset
  const users = new Map<string, StoredUser>()
  const refreshTokens = new Map<string, RefreshRecord>()
  const revokedFamilies = new Set<string>()
  const opaqueTokens = new Map<string, { userId: string; expiresAt: number }>()
  const posts: Post[] = []
  const calls: Record<string, number> = {}
  const lose = new Set<string>()
  const withToken = new Set<string>()

  function addUser(email: string, name: string, password: string): StoredUser {
    const salt = randomBytes(16)
    const user = { id: String(users.size + 1), email, name, createdAt: new Date(now()).toISOString(), salt, passwordHash: hashPassword(password, salt) }
    users.set(email, user)
    return user
  }
  const demo = addUser(TYPICAL_DEMO_USER.email, TYPICAL_DEMO_USER.name, TYPICAL_DEMO_USER.password)
  posts.push({ id: '1', title: 'Welcome', body: 'The first post.', author: { id: demo.id, name: demo.name }, createdAt: new Date(now()).toISOString() })
  const publicUser = ({ id, email, name, createdAt }: StoredUser) => ({ id, email, name, createdAt })
  const userById = (id: string) => [...users.values()].find((user) => user.id === id)

  async function signAccessToken(user: StoredUser): Promise<string> {
    const iat = Math.floor(now() / 1000)
    if (options.accessToken === 'opaque') {
      const token = randomBytes(24).toString('hex')
      opaqueTokens.set(token, { userId: user.id, expiresAt: (iat + accessTtl) * 1000 })
      return token
    }
    // jwt.sign({ userId, email }, secret, { expiresIn: '15m' }): header { alg, typ: 'JWT' }, no `typ` claim, no `sub`.
    return new SignJWT({ userId: user.id, email: user.email })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt(iat)
      .setExpirationTime(iat + accessTtl)
      .sign(secret)
  }

  function issueRefreshToken(res: Res, userId: string, family: string, expiresAt: number): void {
    const token = randomBytes(32).toString('base64url')
    refreshTokens.set(sha256(token), { userId, family, used: false, expiresAt })
    res.cookie('jid', token, { maxAge: Math.max(0, expiresAt - now()) })
  }

  async function tokenAnswer(res: Res, user: StoredUser, status: number, withUser: boolean): Promise<void> {
    const body = { access_token: await signAccessToken(user), token_type: 'Bearer', expires_in: accessTtl, ...(withUser ? { user: publicUser(user) } : {}) }
    res.status(status).json(body)
  }

  /** The `authenticateToken` middleware of the tutorials: a plain 401 with a message, no `WWW-Authenticate`. */
  async function authenticate(req: Req, res: Res): Promise<StoredUser | null> {
    const unauthorized = (message: string) => {
      res.status(401).json({ message })
      return null
    }
    const header = req.headers.authorization
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined
    if (!token) return unauthorized('No token provided')
    if (options.accessToken === 'opaque') {
      const found = opaqueTokens.get(token)
      if (!found) return unauthorized('invalid token')
      if (found.expiresAt <= now()) return unauthorized('jwt expired')
      return userById(found.userId) ?? unauthorized('invalid token')
    }
    try {
      const { payload } = await jwtVerify(token, secret, { currentDate: new Date(now()), algorithms: ['HS256'] })
      return userById(String(payload.userId)) ?? unauthorized('invalid token')
    } catch (error) {
      return unauthorized((error as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'jwt expired' : 'invalid token')
    }
  }

  type Route = (req: Req, res: Res) => Promise<void> | void
  const routes: Record<string, Route> = {
    'POST /auth/register': async (req, res) => {
      const { email, password, name } = req.body
      if (typeof email !== 'string' || typeof password !== 'string' || !email.includes('@') || password.length < 8) {
        return res.status(400).json({ message: 'Email and a password of at least 8 characters are required' })
      }
      if (users.has(email)) return res.status(409).json({ message: 'Email already registered' })
      const user = addUser(email, typeof name === 'string' && name !== '' ? name : email, password)
      issueRefreshToken(res, user.id, randomBytes(8).toString('hex'), now() + refreshTtl * 1000)
      await tokenAnswer(res, user, 201, true)
    },
    'POST /auth/login': async (req, res) => {
      const { email, password } = req.body
      const user = typeof email === 'string' ? users.get(email) : undefined
      if (!user || typeof password !== 'string' || !timingSafeEqual(hashPassword(password, user.salt), user.passwordHash)) {
        return res.status(401).json({ message: 'Invalid email or password' })
      }
      issueRefreshToken(res, user.id, randomBytes(8).toString('hex'), now() + refreshTtl * 1000)
      await tokenAnswer(res, user, 200, true)
    },
    'POST /auth/refresh': async (req, res) => {
      const token = req.cookies.jid
      if (!token) return res.status(401).json({ message: 'No refresh token' })
      const record = refreshTokens.get(sha256(token))
      if (record?.used) revokedFamilies.add(record.family) // a rotated-away token again: someone copied it
      if (!record || record.used || revokedFamilies.has(record.family) || record.expiresAt <= now()) {
        return res.clearCookie('jid').status(refused).json({ message: 'Invalid refresh token' })
      }
      const user = userById(record.userId)
      if (!user) return res.clearCookie('jid').status(refused).json({ message: 'Invalid refresh token' })
      record.used = true
      issueRefreshToken(res, user.id, record.family, record.expiresAt)
      await tokenAnswer(res, user, 200, false)
    },
    'POST /auth/logout': (req, res) => {
      const record = req.cookies.jid ? refreshTokens.get(sha256(req.cookies.jid)) : undefined
      if (record) revokedFamilies.add(record.family)
      res.clearCookie('jid').sendStatus(204)
    },
    'GET /auth/me': async (req, res) => {
      const user = await authenticate(req, res)
      if (user) res.json(publicUser(user))
    },
    'GET /api/me': async (req, res) => {
      const user = await authenticate(req, res)
      if (user) res.json(publicUser(user))
    },
    'GET /api/posts': async (req, res) => {
      const user = await authenticate(req, res)
      if (user) res.json([...posts].reverse())
    },
    'POST /api/posts': async (req, res) => {
      const user = await authenticate(req, res)
      if (!user) return
      const { title, body } = req.body
      if (typeof title !== 'string' || title.trim() === '') return res.status(400).json({ message: 'Title is required' })
      const post = { id: String(posts.length + 1), title, body: typeof body === 'string' ? body : '', author: { id: user.id, name: user.name }, createdAt: new Date(now()).toISOString() }
      posts.push(post)
      res.status(201).json(post)
    },
  }

  const sockets = new Set<Socket>()
  const server = createServer((incoming, out) => void handle(incoming, out))
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  async function handle(incoming: IncomingMessage, out: ServerResponse): Promise<void> {
    const path = (incoming.url ?? '/').split('?')[0]!
    calls[path] = (calls[path] ?? 0) + 1
    if (incoming.headers.authorization !== undefined) withToken.add(path)
    const chunks: Buffer[] = []
    for await (const chunk of incoming as AsyncIterable<Buffer>) chunks.push(chunk)
    const req = incoming as Req
    req.cookies = Object.fromEntries(
      (incoming.headers.cookie ?? '').split(';').map((pair) => pair.trim().split('=')).filter((pair) => pair.length === 2) as [string, string][],
    )
    const lost = lose.delete(path)
    const res = respond(out, lost)
    const text = Buffer.concat(chunks).toString('utf8')
    // express.json(): only JSON bodies are parsed; anything else leaves `req.body` empty.
    try {
      req.body = (incoming.headers['content-type'] ?? '').includes('application/json') && text !== '' ? JSON.parse(text) : {}
    } catch {
      return res.status(400).json({ message: 'Invalid JSON' })
    }
    const route = routes[`${incoming.method} ${path}`]
    // Express's own 404: an HTML page, not JSON.
    if (!route) return void out.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!DOCTYPE html><html><body><pre>Cannot ${incoming.method} ${path}</pre></body></html>`)
    try {
      await route(req, res)
    } catch (error) {
      console.error(error)
      res.status(500).json({ message: 'Internal server error' })
    }
  }

  /** Express's `res.status().json()`, `res.cookie()`, `res.clearCookie()`; a lost answer drops the connection instead of writing. */
  function respond(out: ServerResponse, lost: boolean): Res {
    const cookies: string[] = []
    const send = (status: number, body?: string) => {
      if (lost) return void out.socket?.destroy()
      if (cookies.length > 0) out.setHeader('Set-Cookie', cookies)
      if (body === undefined) return void out.writeHead(status).end()
      out.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(body)
    }
    let status = 200
    const res: Res = {
      status(code) {
        status = code
        return res
      },
      json: (body) => send(status, JSON.stringify(body)),
      sendStatus: (code) => send(code),
      cookie(name, value, { maxAge }) {
        const expires = new Date(now() + maxAge).toUTCString()
        cookies.push(`${name}=${value}; Max-Age=${Math.floor(maxAge / 1000)}; Path=/auth; Expires=${expires}; HttpOnly; SameSite=Lax`)
        return res
      },
      clearCookie(name) {
        cookies.push(`${name}=; Path=/auth; Expires=Thu, 01 Jan 1970 00:00:00 GMT`)
        return res
      },
    }
    return res
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    advanceClock: (ms) => void (offset += ms),
    loseNextAnswer: (path) => void lose.add(path),
    calls: () => ({ ...calls }),
    tokenSentTo: () => [...withToken],
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

// `tsx examples/express-typical/server.ts` (PORT, default 4100; ACCESS_TOKEN=opaque; REFUSED_STATUS=401).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = await startTypicalServer({
    port: Number(process.env.PORT ?? 4100),
    accessToken: process.env.ACCESS_TOKEN === 'opaque' ? 'opaque' : 'jwt',
    refusedRefreshStatus: process.env.REFUSED_STATUS === '401' ? 401 : 403,
    ...(process.env.ACCESS_TTL_SECONDS ? { accessTtlSeconds: Number(process.env.ACCESS_TTL_SECONDS) } : {}),
  })
  console.log(`Typical Express-style backend on ${server.url} (demo@example.com / demo-pass-123)`)
}
