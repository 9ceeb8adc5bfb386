import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { getResponse, type RequestHandler } from 'msw'
import type { BackendProfile } from 'silent-refresh'
import { createMockBackend } from './backend'
import type { MockControl } from '../packages/silent-refresh/src/testing/server/core/control'
import { ADDRESSED_ORIGIN_HEADER, CLIENT_ADDRESS_HEADER } from '../packages/silent-refresh/src/testing/server/http/endpoint'
import { MAX_BODY_BYTES } from '../packages/silent-refresh/src/testing/server/http/json-body'
import { unroutedResponse } from '../packages/silent-refresh/src/testing/server/http/routes'

export interface MockHttpServerOptions {
  /** 0 picks a free port; default 4000. */
  port?: number
  /** The interface to listen on; default 127.0.0.1 (the `/__mock/*` controls must not face a network). */
  host?: string
  /**
   * Behind a proxy you run: the client address for the per-client limits is the last `X-Forwarded-For` entry
   * (the one your proxy added) instead of the socket's peer, and the origin a DPoP proof's `htu` must name is the
   * last `X-Forwarded-Proto` / `X-Forwarded-Host` entry instead of `http://` + the `Host` header. Default false:
   * every `X-Forwarded-*` header is ignored, so a client cannot make a proof for another origin pass.
   */
  trustProxy?: boolean
  /** The backend profile whose dialect the auth endpoints speak (docs/backend.md); default: this project's contract. */
  profile?: BackendProfile
}

export interface MockHttpServer {
  /** e.g. `http://127.0.0.1:4000` */
  url: string
  control: MockControl
  /** Stops listening and drops every open connection, hanging `timeout` answers included. */
  close(): Promise<void>
}

/** The body, cut one byte past the limit: enough for the handler to answer 413 without buffering a flood. */
async function readBody(req: IncomingMessage): Promise<Uint8Array | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (size > MAX_BODY_BYTES) continue
    chunks.push(chunk)
    size += chunk.length
  }
  return new Uint8Array(Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES + 1))
}

/** The last entry of a (possibly repeated, comma-separated) header: the one the nearest proxy added. */
function lastEntry(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return (Array.isArray(value) ? value.join(',') : value)?.split(',').pop()?.trim() || undefined
}

function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  return (trustProxy ? lastEntry(req, 'x-forwarded-for') : undefined) || req.socket.remoteAddress || 'unknown'
}

/** The origin the client addressed: `http://` + Host, or what a trusted proxy forwards; the server's own if malformed. */
function addressedOrigin(req: IncomingMessage, trustProxy: boolean, own: string): string {
  const proto = (trustProxy ? lastEntry(req, 'x-forwarded-proto') : undefined) ?? 'http'
  const host = (trustProxy ? lastEntry(req, 'x-forwarded-host') : undefined) ?? req.headers.host
  if (!host || !/^https?$/i.test(proto)) return own
  try {
    const url = new URL(`${proto.toLowerCase()}://${host}`)
    // A host only: nothing that would move the path or smuggle credentials.
    return url.pathname === '/' && !url.username && !url.password && !url.search && !url.hash && !/[/?#@\\]/.test(host) ? url.origin : own
  } catch {
    return own
  }
}

function toFetchRequest(req: IncomingMessage, body: Uint8Array | undefined, origin: string, signal: AbortSignal, trustProxy: boolean): Request {
  const headers = new Headers()
  const cookies: string[] = []
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase()
    // Several Cookie lines are one list (RFC 9113 §8.2.3), so a second refresh_token in another line is seen too.
    if (name === 'cookie') cookies.push(req.rawHeaders[i + 1]!)
    else if (name !== CLIENT_ADDRESS_HEADER && name !== ADDRESSED_ORIGIN_HEADER) headers.append(name, req.rawHeaders[i + 1]!)
  }
  if (cookies.length > 0) headers.set('cookie', cookies.join('; '))
  headers.set(CLIENT_ADDRESS_HEADER, clientAddress(req, trustProxy))
  headers.set(ADDRESSED_ORIGIN_HEADER, addressedOrigin(req, trustProxy, origin))
  // The handlers use the path only; the origin is fixed so a hostile Host header cannot break URL parsing.
  return new Request(new URL(req.url ?? '/', origin), { method: req.method, headers, body: body as BodyInit | undefined, signal })
}

function writeHead(res: ServerResponse, response: Response): void {
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value)
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) res.setHeader('Set-Cookie', cookies)
  res.writeHead(response.status, response.statusText)
}

const isEventStream = (response: Response) => response.body !== null && /^text\/event-stream\b/i.test(response.headers.get('content-type') ?? '')

/**
 * A server-sent event stream goes out chunk by chunk as the handler enqueues it (headers flushed at once, each
 * chunk written when it comes, nothing buffered: Nagle off); it ends when the handler closes it or the client goes.
 */
async function writeStream(res: ServerResponse, response: Response): Promise<void> {
  writeHead(res, response)
  res.flushHeaders()
  res.socket?.setNoDelay(true)
  const reader = response.body!.getReader()
  res.on('close', () => void reader.cancel().catch(() => undefined))
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done || res.destroyed) break
      res.write(value)
    }
  } finally {
    res.end()
  }
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  if (isEventStream(response)) return writeStream(res, response)
  const body = Buffer.from(await response.arrayBuffer())
  writeHead(res, response)
  res.end(body)
}

// Methods the fetch Request cannot even represent (TRACE, CONNECT, TRACK): answered here, 405 or 404.
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK'])

function createListener(handlers: RequestHandler[], origin: () => string, trustProxy: boolean) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const abort = new AbortController()
    res.on('close', () => abort.abort())
    try {
      const method = req.method ?? 'GET'
      if (FORBIDDEN_METHODS.has(method.toUpperCase())) {
        req.resume()
        return await writeResponse(res, unroutedResponse(method, new URL(req.url ?? '/', origin()).pathname))
      }
      const request = toFetchRequest(req, await readBody(req), origin(), abort.signal, trustProxy)
      const response = await getResponse(handlers, request)
      if (res.destroyed) return
      if (!response) {
        await writeResponse(res, unroutedResponse(request.method, new URL(request.url).pathname))
      } else if (response.type === 'error') {
        req.socket.destroy()
      } else {
        await writeResponse(res, response)
      }
    } catch (error) {
      console.error('[mock:server] failed to answer', error)
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ error: 'internal_error', message: 'The mock server failed unexpectedly' }))
    }
  }
}

/**
 * Serves the mock's handlers over real HTTP with real `Set-Cookie` headers; the client keeps the cookie jar.
 *
 * @example
 * const mock = await startMockHttpServer({ port: 0 })
 * await fetch(`${mock.url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
 * await mock.close()
 */
export async function startMockHttpServer(options: MockHttpServerOptions = {}): Promise<MockHttpServer> {
  const backend = createMockBackend({ profile: options.profile })
  const host = options.host ?? '127.0.0.1'
  let url = ''
  const server = createServer(createListener(backend.handlers, () => url, options.trustProxy ?? false))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 4000, host, () => resolve())
  })
  const address = server.address() as AddressInfo
  // Bound to every interface (HOST=0.0.0.0 or ::) or to `localhost`, the URL says localhost; else the address bound.
  const anyInterface = address.address === '0.0.0.0' || address.address === '::'
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  url = `http://${host === 'localhost' || anyInterface ? 'localhost' : shownHost}:${address.port}`
  return {
    url,
    control: backend.control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

function portFromEnv(): number {
  const raw = process.env.PORT ?? '4000'
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${raw}"`)
  return port
}

/** The app's profile file: the one `createAuthClient` is given (src/backend-profile.ts), so the mock speaks the app's dialect. */
export const APP_PROFILE_FILE = 'src/backend-profile.ts'

/**
 * The profile a file's default export holds (`--profile file`, `MOCK_PROFILE`, else the app's own file).
 *
 * @example
 * const profile = await loadProfileFile('examples/express-typical/profile.ts')
 */
export async function loadProfileFile(file: string): Promise<BackendProfile> {
  const module = (await import(pathToFileURL(resolve(file)).href)) as { default?: unknown }
  if (module.default === undefined) throw new Error(`${file} has no default export (the BackendProfile)`)
  return module.default as BackendProfile
}

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href
if (runDirectly) {
  const { values } = parseArgs({ options: { profile: { type: 'string' } } })
  const profileFile = values.profile ?? (process.env.MOCK_PROFILE || APP_PROFILE_FILE)
  const profile = await loadProfileFile(profileFile)
  const mock = await startMockHttpServer({ port: portFromEnv(), host: process.env.HOST || undefined, trustProxy: process.env.TRUST_PROXY === '1', profile })
  console.log(`Mock API on ${mock.url} (API at /api, controls at /__mock), speaking the profile of ${profileFile}`)
  const stop = () => void mock.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
