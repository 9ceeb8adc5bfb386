import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { getResponse, type RequestHandler } from 'msw'
import { createMockBackend } from './backend'
import type { MockControl } from '../packages/silent-refresh/src/testing/server/core/control'
import { CLIENT_ADDRESS_HEADER } from '../packages/silent-refresh/src/testing/server/http/endpoint'
import { MAX_BODY_BYTES } from '../packages/silent-refresh/src/testing/server/http/json-body'
import { unroutedResponse } from '../packages/silent-refresh/src/testing/server/http/routes'

export interface MockHttpServerOptions {
  /** 0 picks a free port; default 4000. */
  port?: number
  /** The interface to listen on; default 127.0.0.1 (the `/__mock/*` controls must not face a network). */
  host?: string
  /**
   * Behind a proxy you run: the client address for the per-client limits is the last `X-Forwarded-For` entry
   * (the one your proxy added) instead of the socket's peer. Default false: `X-Forwarded-For` is ignored.
   */
  trustProxy?: boolean
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

function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)?.split(',').pop()?.trim()
  return last || req.socket.remoteAddress || 'unknown'
}

function toFetchRequest(req: IncomingMessage, body: Uint8Array | undefined, origin: string, signal: AbortSignal, trustProxy: boolean): Request {
  const headers = new Headers()
  const cookies: string[] = []
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase()
    // Several Cookie lines are one list (RFC 9113 §8.2.3), so a second refresh_token in another line is seen too.
    if (name === 'cookie') cookies.push(req.rawHeaders[i + 1]!)
    else if (name !== CLIENT_ADDRESS_HEADER) headers.append(name, req.rawHeaders[i + 1]!)
  }
  if (cookies.length > 0) headers.set('cookie', cookies.join('; '))
  headers.set(CLIENT_ADDRESS_HEADER, clientAddress(req, trustProxy))
  // The handlers use the path only; the origin is fixed so a hostile Host header cannot break URL parsing.
  return new Request(new URL(req.url ?? '/', origin), { method: req.method, headers, body: body as BodyInit | undefined, signal })
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer())
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value)
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) res.setHeader('Set-Cookie', cookies)
  res.writeHead(response.status, response.statusText)
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
  const backend = createMockBackend()
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

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href
if (runDirectly) {
  const mock = await startMockHttpServer({ port: portFromEnv(), host: process.env.HOST || undefined, trustProxy: process.env.TRUST_PROXY === '1' })
  console.log(`Mock API on ${mock.url} (API at /api, controls at /__mock)`)
  const stop = () => void mock.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
