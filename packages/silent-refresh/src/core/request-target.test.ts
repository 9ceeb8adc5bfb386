import type { AxiosAdapter } from 'axios'
import { describe, expect, it } from 'vitest'
import { accessToken } from '../../../../tests/support/tokens'
import { createAuthClient } from './create-auth-client'
import { requestTarget } from './request'
import { createMemoryTokenStore } from './token'

describe('requestTarget', () => {
  it.each([
    ['/api', '/api', '/posts', 'api'],
    ['/api', '/api', 'posts', 'api'],
    ['/api/', '/api/', '/me?x=1', 'api'],
    ['/api', '/api', '/auth/refresh', 'auth'],
    ['/api', '/api', 'auth/login', 'auth'],
    ['/api', '/api', '/authors', 'api'],
    ['/api', '/api', 'auth/signup', 'auth'],
    ['/api', '/api', 'auth/logout?x=1', 'auth'],
    ['/api', '/api', 'auth', 'auth'],
    // The signed-in devices are a resource under auth/: they carry the access token.
    ['/api', '/api', '/auth/sessions', 'api'],
    ['/api', '/api', 'auth/sessions/abc', 'api'],
    ['/api', '/api', 'auth/sessions/sign-out-others', 'api'],
    ['http://localhost/api', 'http://localhost/api', '/posts', 'api'],
    ['http://localhost/api', 'http://localhost/api', 'http://localhost/api/auth/logout', 'auth'],
    ['http://localhost/api', 'http://localhost/api', 'https://evil.example/api/posts', 'foreign'],
    ['http://localhost/api', 'http://localhost/api', '//evil.example/posts', 'foreign'],
    ['/api', '/api', 'http://localhost/api/posts', 'foreign'],
    ['/api', 'https://elsewhere.example', '/posts', 'foreign'],
    ['/api', '/apiary', '/posts', 'foreign'],
    // Dot segments are resolved as the browser resolves them before sending.
    ['/api', '/api', '../x', 'foreign'],
    ['/api', '/api', '/../x', 'foreign'],
    ['/api', '/api', 'posts/../../x', 'foreign'],
    ['/api', '/api', '%2e%2e/x', 'foreign'],
    ['/api', '/api', '..\\x', 'foreign'],
    ['/api', '/api', '..', 'foreign'],
    ['http://localhost/api', 'http://localhost/api', '../admin', 'foreign'],
    ['http://localhost/api', 'http://localhost/api', 'http://localhost/api/../admin', 'foreign'],
    ['/api', '/api', 'posts/../me', 'api'],
    ['/api', '/api', './posts', 'api'],
    ['/api', '/api', 'posts/../auth/refresh', 'auth'],
    ['/api', '/api', 'auth/../posts', 'api'],
    // The API at the origin root: everything on the page's origin is the API, nothing elsewhere is.
    ['/', '/', '/posts', 'api'],
    ['/', '/', 'posts', 'api'],
    ['/', '/', 'auth/refresh', 'auth'],
    ['/', '/', '/auth/sessions', 'api'],
    ['/', '/', '//evil.example/steal', 'foreign'],
    ['/', '/', '///evil.example/steal', 'foreign'],
    ['/', '/', '/\\evil.example/steal', 'foreign'],
    ['/', '/', '\\\\evil.example/steal', 'foreign'],
    ['/', '/', '\\/evil.example/steal', 'foreign'],
    ['/', '/', '/\t/evil.example/steal', 'foreign'],
    ['/', '/', 'https://evil.example/steal', 'foreign'],
    // Joined to a full base URL, the same forms stay on its host (axios sends http://localhost/\evil.example/steal).
    ['http://localhost/', 'http://localhost/', '/\\evil.example/steal', 'api'],
    ['http://localhost/', 'http://localhost/', '//evil.example/steal', 'foreign'],
    ['http://localhost/', 'http://localhost/', 'http://localhost/posts', 'api'],
    // The same origin however it is written; another port is another origin.
    ['http://localhost/api', 'http://localhost/api', 'HTTP://LOCALHOST:80/api/posts', 'api'],
    ['http://localhost/api', 'http://localhost/api', 'http://localhost:8080/api/posts', 'foreign'],
    ['http://localhost/api', 'http://localhost/api', 'http://localhost/apiary', 'foreign'],
    // What the URL parser removes before it resolves dot segments: tabs and newlines anywhere, spaces at the ends.
    ['/api', '/api', '.\t./admin', 'foreign'],
    ['/api', '/api', '.\n./admin', 'foreign'],
    ['/api', '/api', 'posts/.\r./..\t/admin', 'foreign'],
    ['/api', '/api', '.. ', 'foreign'],
    ['http://localhost/api', 'http://localhost/api', '.\t./admin', 'foreign'],
    ['/api', '/api', 'po\tsts', 'api'],
  ] as const)('base %s, request base %s, url %s → %s', (apiBase, requestBase, url, expected) => {
    expect(requestTarget(apiBase, requestBase, url)).toBe(expected)
  })
})

describe('requestTarget with axios\'s allowAbsoluteUrls: false', () => {
  it('an absolute URL is then joined to the base, as axios sends it', () => {
    expect(requestTarget('/api', '/api', 'https://evil.example/x', false)).toBe('api')
    expect(requestTarget('/api', '/api', 'https://evil.example/x')).toBe('foreign')
  })
})

type Sent = { url: string; authorization: string | null }

/** Where the browser on https://app.example/board would send each request, and the `Authorization` it carries. */
const PAGE = 'https://app.example/board'

async function signedInClient(baseURL: string) {
  const sent: Sent[] = []
  const fetched: Sent[] = []
  const now = Math.floor(Date.now() / 1000)
  const client = createAuthClient({
    baseURL,
    store: createMemoryTokenStore(await accessToken({ iat: now, exp: now + 900 })),
    sessionHint: false,
    adapter: (async (config) => {
      sent.push({ url: new URL(client.http.getUri(config), PAGE).href, authorization: (config.headers.get('Authorization') as string | undefined) ?? null })
      return { data: {}, status: 200, statusText: 'OK', headers: {}, config }
    }) satisfies AxiosAdapter,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      fetched.push({ url: new URL(String(input), PAGE).href, authorization: new Headers(init?.headers).get('Authorization') })
      return new Response('{}', { status: 200 })
    }) as typeof fetch,
  })
  return { client, sent, fetched }
}

const LEAVING_THE_ORIGIN = ['//evil.example/steal', '///evil.example/steal', '/\\evil.example/steal', '\\\\evil.example/steal', '\\/evil.example/steal', '/\t/evil.example/steal']

describe("a client with baseURL '/' (the API at the origin root): the token never leaves the origin", () => {
  it.each(LEAVING_THE_ORIGIN)('client.http.get(%j) goes to evil.example without the token', async (url) => {
    const { client, sent } = await signedInClient('/')
    await client.http.get(url)
    expect(new URL(sent[0]!.url).host).toBe('evil.example')
    expect(sent[0]!.authorization).toBeNull()
  })

  it.each(LEAVING_THE_ORIGIN)('client.authorizedFetch(%j) goes to evil.example without the token', async (url) => {
    const { client, fetched } = await signedInClient('/')
    await client.authorizedFetch(url)
    expect(new URL(fetched[0]!.url).host).toBe('evil.example')
    expect(fetched[0]!.authorization).toBeNull()
  })

  it('a path on the origin still gets the token, by http and by authorizedFetch', async () => {
    const { client, sent, fetched } = await signedInClient('/')
    await client.http.get('/posts')
    await client.authorizedFetch('/posts')
    expect(sent).toEqual([{ url: 'https://app.example/posts', authorization: expect.stringMatching(/^Bearer ey/) }])
    expect(fetched).toEqual([{ url: 'https://app.example/posts', authorization: expect.stringMatching(/^Bearer ey/) }])
  })
})

describe("a client with baseURL '/api': a tab or newline cannot hide a '..' that leaves the API root", () => {
  it.each(['.\t./other-app/collect', '.\t./.\n./api-other/collect', 'posts/.\r./..\t/other-app/collect'])('%j goes outside /api without the token', async (url) => {
    const { client, sent, fetched } = await signedInClient('/api')
    await client.http.get(url)
    await client.authorizedFetch(url)
    for (const request of [sent[0]!, fetched[0]!]) {
      expect(new URL(request.url).pathname).not.toMatch(/^\/api\//)
      expect(request.authorization).toBeNull()
    }
  })
})

describe("an app's own request interceptor on client.http is judged where it sends the request", () => {
  // Added after the client was made, so axios runs it before the client's own (and asks every `runWhen` before either).
  it('a request it moves to another origin (its url or its baseURL) gets no token', async () => {
    const { client, sent } = await signedInClient('https://api.example/api')
    client.http.interceptors.request.use((config) => {
      if (config.url?.startsWith('/uploads/')) return { ...config, url: `https://cdn.third-party.example${config.url}` }
      if (config.url?.startsWith('/widgets/')) return { ...config, baseURL: 'https://widgets.third-party.example' }
      // The same config object, changed in place.
      if (config.url?.startsWith('/pixels/')) config.url = `https://tracker.third-party.example${config.url}`
      return config
    })
    await client.http.get('/uploads/avatar.png')
    await client.http.get('/widgets/feed.json')
    await client.http.get('/pixels/1.gif')
    await client.http.get('/posts')
    expect(sent).toEqual([
      { url: 'https://cdn.third-party.example/uploads/avatar.png', authorization: null },
      { url: 'https://widgets.third-party.example/widgets/feed.json', authorization: null },
      { url: 'https://tracker.third-party.example/pixels/1.gif', authorization: null },
      { url: 'https://api.example/api/posts', authorization: expect.stringMatching(/^Bearer ey/) },
    ])
  })

  it('a request it keeps under the API (a path rewritten within it) still gets the token', async () => {
    const { client, sent } = await signedInClient('https://api.example/api')
    client.http.interceptors.request.use((config) => ({ ...config, url: `/v2${config.url}` }))
    await client.http.get('/posts')
    expect(sent).toEqual([{ url: 'https://api.example/api/v2/posts', authorization: expect.stringMatching(/^Bearer ey/) }])
  })
})
