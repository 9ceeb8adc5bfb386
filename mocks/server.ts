import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { getResponse, type RequestHandler } from 'msw'
import { createMockBackend } from './backend'
import type { MockControl } from './core/control'
import { MAX_BODY_BYTES } from './http/json-body'

export interface MockHttpServer {
  /** e.g. `http://localhost:4000` */
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

function toFetchRequest(req: IncomingMessage, body: Uint8Array | undefined, origin: string, signal: AbortSignal): Request {
  const headers = new Headers()
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!)
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

function createListener(handlers: RequestHandler[], origin: () => string) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const abort = new AbortController()
    res.on('close', () => abort.abort())
    try {
      const request = toFetchRequest(req, await readBody(req), origin(), abort.signal)
      const response = await getResponse(handlers, request)
      if (res.destroyed) return
      if (!response) {
        await writeResponse(res, Response.json({ error: 'not_found', message: `No endpoint ${req.method} ${req.url}` }, { status: 404 }))
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
export async function startMockHttpServer(options: { port?: number } = {}): Promise<MockHttpServer> {
  const backend = createMockBackend()
  let url = ''
  const server = createServer(createListener(backend.handlers, () => url))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 4000, () => resolve())
  })
  url = `http://localhost:${(server.address() as AddressInfo).port}`
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
  const mock = await startMockHttpServer({ port: portFromEnv() })
  console.log(`Mock API on ${mock.url} (API at /api, controls at /__mock)`)
  const stop = () => void mock.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
