import { execFile } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { defaultProfile, validateProfile } from 'silent-refresh'
import expressTypical from '../../examples/express-typical/profile'
import oauthTokenEndpoint from '../../examples/oauth-token-endpoint/profile'
import { OAUTH_DEMO_USER, startOAuthServer } from '../../examples/oauth-token-endpoint/server'
import wrappedUserinfo, { writeWrappedUserinfo } from '../../examples/oauth-token-endpoint/wrapped-userinfo'
import { startTypicalServer, TYPICAL_DEMO_USER, type TypicalServer } from '../../examples/express-typical/server'
import { startMockHttpServer, type MockHttpServer } from '../server'
import { exitCodeOf, runProfileChecks, summarize, type CheckResult } from './profile-checks'
import { CONTRACT_COMMAND_TIMEOUT_MS } from '../../tests/support/timeouts'

// The checks over real HTTP and `npm run contract` in a child process: a named exception to the 5 s test timeout
// (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: CONTRACT_COMMAND_TIMEOUT_MS })

const account = { email: TYPICAL_DEMO_USER.email, password: TYPICAL_DEMO_USER.password }
const typicalProfile = validateProfile(expressTypical)
const failures = (results: CheckResult[]) => results.filter((result) => result.outcome === 'failed').map((r) => `${r.name}: ${r.detail}`)

/** `npm run contract -- …` as a person runs it: its output and exit code. */
async function contract(...args: string[]): Promise<{ code: number; output: string }> {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli')
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [tsx, 'mocks/contract/run-contract.ts', ...args])
    return { code: 0, output: stdout }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, output: failed.stdout + failed.stderr }
  }
}

/** A server that checks nothing: every login "works", every token is good, every refresh answers the same cookie. */
async function startCredulousServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.method === 'POST') res.setHeader('Set-Cookie', 'jid=always-the-same; Path=/auth; HttpOnly')
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ access_token: 'token', expires_in: 900, user: { id: '1', email: account.email } }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

describe('npm run contract against the typical Express backend (no test controls)', () => {
  let server: TypicalServer
  beforeAll(async () => {
    server = await startTypicalServer()
  })
  afterAll(() => server.close())

  it('runs every check that needs no controls, passes them, and lists the others as not checked', async () => {
    const results = await runProfileChecks({ origin: server.url, profile: typicalProfile, account, controls: false })
    expect(failures(results)).toEqual([])
    expect(summarize(results)).toEqual({ checked: 13, passed: 12, failed: 0, notChecked: 2, differs: 1 })
    expect(results.filter((r) => r.outcome === 'not checked').map((r) => r.detail)).toEqual([
      expect.stringContaining('/__mock'),
      expect.stringContaining('/__mock'),
    ])
    // Our cookie attributes are our mock's: a difference, not a failure.
    expect(results.find((r) => r.outcome === 'differs')).toMatchObject({ mockOnly: true, detail: expect.stringContaining('SameSite=Lax') })
  })

  it('says how many checks ran and exits 0 (the command itself)', async () => {
    const { code, output } = await contract(server.url, '--profile', 'examples/express-typical/profile.ts', '--user', `${account.email}:${account.password}`)
    expect(output).toContain('Total: checked 13 · passed 12 · failed 0 · not checked 2 · 1 mock-only differences (not failures)')
    expect(output).toContain("This project's contract suite: not run (the server has no /__mock controls)")
    expect(code).toBe(0)
  })

  it('fails under the default profile: the backend does not speak our contract', async () => {
    const results = await runProfileChecks({ origin: server.url, profile: defaultProfile, account, controls: false })
    expect(failures(results)[0]).toMatch(/POST \/api\/auth\/login answered 404/)
  })

  it('without a test account runs only what needs no login: the garbage token and the cookie-less refresh', async () => {
    const results = await runProfileChecks({ origin: server.url, profile: typicalProfile, account: null, controls: false })
    expect(results.filter((r) => r.outcome === 'passed').map((r) => r.name)).toEqual([
      'a garbage access token gets the rejection the profile describes (isTokenRejected) at GET /auth/me',
      'a refresh without a cookie is refused (isRefreshRefused)',
    ])
    expect(results.filter((r) => r.outcome === 'not checked').length).toBeGreaterThan(8)
  })
})

describe('npm run contract against the typical backend in its other shapes', () => {
  it.each([
    ['opaque access tokens, 401 on a refused refresh', { accessToken: 'opaque', refusedRefreshStatus: 401 }],
    ['JWTs, 403 on a refused refresh', { accessToken: 'jwt', refusedRefreshStatus: 403 }],
  ] as const)('%s: no failures', async (_, options) => {
    const server = await startTypicalServer(options)
    try {
      const results = await runProfileChecks({ origin: server.url, profile: typicalProfile, account, controls: false })
      expect(failures(results)).toEqual([])
      expect(summarize(results).passed).toBe(12)
    } finally {
      await server.close()
    }
  })

  it('catches a profile that says 401 where the server refuses a refresh with 403', async () => {
    const server = await startTypicalServer({ refusedRefreshStatus: 403 })
    try {
      const only401 = validateProfile({ ...expressTypical, isRefreshRefused: (response: { status: number }) => response.status === 401 })
      const results = await runProfileChecks({ origin: server.url, profile: only401, account, controls: false })
      expect(failures(results)).toEqual([
        expect.stringMatching(/^a reused refresh cookie is refused .*isRefreshRefused says no to 403/),
        expect.stringMatching(/^logout ends the login.*isRefreshRefused says no to 403/),
      ])
    } finally {
      await server.close()
    }
  })
})

describe("npm run contract reads the user endpoint through the profile's readUserResponse", () => {
  const userEndpointCheck = (results: CheckResult[]) => results.find((result) => result.name.startsWith('GET /oauth/userinfo with the access token'))

  it('passes a server whose userinfo names its fields otherwise under a profile that reads them, and fails it under one that does not', async () => {
    const server = await startOAuthServer({ userinfo: writeWrappedUserinfo })
    try {
      const oauthAccount = { email: OAUTH_DEMO_USER.email, password: OAUTH_DEMO_USER.password }
      const read = await runProfileChecks({ origin: server.url, profile: validateProfile(wrappedUserinfo), account: oauthAccount, controls: false })
      expect(userEndpointCheck(read)).toMatchObject({ outcome: 'passed' })
      expect(failures(read)).toEqual([])
      const unread = await runProfileChecks({ origin: server.url, profile: validateProfile(oauthTokenEndpoint), account: oauthAccount, controls: false })
      expect(userEndpointCheck(unread)).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('readUserResponse().id') })
    } finally {
      await server.close()
    }
  })
})

describe('npm run contract against a server that checks nothing', () => {
  it('fails, and exits non-zero', async () => {
    const server = await startCredulousServer()
    try {
      const { code, output } = await contract(server.url, '--profile', 'examples/express-typical/profile.ts', '--user', `${account.email}:${account.password}`)
      expect(output).toMatch(/FAIL {2}login with a wrong password is refused/)
      expect(output).toMatch(/FAIL {2}a garbage access token gets the rejection/)
      expect(output).toMatch(/FAIL {2}a refresh rotates the cookie/)
      expect(code).toBe(1)
    } finally {
      await server.close()
    }
  })

  it('never exits 0 having checked nothing', () => {
    expect(exitCodeOf({ checked: 0, passed: 0, failed: 0, notChecked: 14, differs: 0 })).toBe(1)
    expect(exitCodeOf({ checked: 3, passed: 3, failed: 0, notChecked: 11, differs: 0 })).toBe(0)
    expect(exitCodeOf({ checked: 3, passed: 1, failed: 0, notChecked: 0, differs: 2 })).toBe(0)
    expect(exitCodeOf({ checked: 3, passed: 2, failed: 1, notChecked: 0, differs: 0 })).toBe(1)
  })
})

describe('npm run contract against our mock (mock:server, with its controls)', () => {
  let mock: MockHttpServer
  beforeAll(async () => {
    mock = await startMockHttpServer({ port: 0 })
  })
  afterAll(() => mock.close())

  it('passes every check, those with the clock and failures included', async () => {
    await mock.control.reset()
    // The profile checks speak Bearer; the mock requires DPoP unless told otherwise.
    await mock.control.configure({ dpop: 'optional' })
    const results = await runProfileChecks({ origin: mock.url, profile: defaultProfile, account: { email: 'demo@example.com', password: 'demo-pass-123' }, controls: true })
    expect(failures(results)).toEqual([])
    expect(summarize(results)).toEqual({ checked: 19, passed: 19, failed: 0, notChecked: 0, differs: 0 })
  })

  it("sends each call with the profile's methods: a mock speaking a PUT refresh and a DELETE logout at one URL passes them all", async () => {
    const restful = await startMockHttpServer({ port: 0, profile: { ...defaultProfile, endpoints: { ...defaultProfile.endpoints, refresh: '/api/auth/session', logout: '/api/auth/session' }, methods: { refresh: 'PUT', logout: 'DELETE' }, mock: { refreshCookie: { name: 'refresh_token', path: '/api/auth' } } } })
    try {
      await restful.control.reset()
      await restful.control.configure({ dpop: 'optional' })
      const results = await runProfileChecks({ origin: restful.url, profile: validateProfile({ ...defaultProfile, endpoints: { ...defaultProfile.endpoints, refresh: '/api/auth/session', logout: '/api/auth/session' }, methods: { refresh: 'PUT', logout: 'DELETE' } }), account: { email: 'demo@example.com', password: 'demo-pass-123' }, controls: true })
      expect(failures(results)).toEqual([])
      expect(summarize(results)).toEqual({ checked: 19, passed: 19, failed: 0, notChecked: 0, differs: 0 })
    } finally {
      await restful.close()
    }
  })

  it('runs our own contract suite too, and exits 0 (the command, the suite cut down with -t)', async () => {
    const { code, output } = await contract(mock.url, '--', '-t', 'GET /api/me')
    expect(output).toContain('checked 19 · passed 19 · failed 0 · not checked 0')
    expect(output).toMatch(/This project's contract suite[^\n]*\n[\s\S]*checked 10 · passed 10 · failed 0/)
    expect(code).toBe(0)
    // The command runs a Vitest of its own (the contract suite, PBKDF2 logins): a contract test's named timeout.
  })
})
