import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { defaultProfile, validateProfile, type ResolvedBackendProfile } from 'silent-refresh'
import { exitCodeOf, formatResults, formatSummary, runProfileChecks, summarize, type CheckResult } from './profile-checks'

const USAGE = `Usage: npm run contract -- URL [--profile file] [--user email:password] [--resource /path] [--portable-only] [-- vitest options]

  URL             the server's origin (http://host:port)
  --profile file  an ES module whose default export is the BackendProfile the client is given (default: our contract)
  --user e:p      a test account; without one, only the checks that need no login run (with /__mock, the demo account)
  --resource path a protected API path answering 2xx with a good token (default: endpoints.user, else /api/me)
  --portable-only skip this project's own contract suite even where the server has the /__mock controls`

/** The mock's seeded account (docs/api-contract.md, Part 2), used where the server has `/__mock` and no --user is given. */
const MOCK_DEMO_ACCOUNT = { email: 'demo@example.com', password: 'demo-pass-123' }

interface Arguments {
  origin: string
  profileFile: string | null
  account: { email: string; password: string } | null
  resource: string | undefined
  portableOnly: boolean
  vitestArgs: string[]
}

function parseArguments(argv: string[]): Arguments | string {
  const [target, ...rest] = argv
  if (!target || !/^https?:\/\/[^/]+\/?$/.test(target)) return 'the first argument must be the server\'s origin (http://host:port)'
  const parsed: Arguments = { origin: target.replace(/\/+$/, ''), profileFile: null, account: null, resource: undefined, portableOnly: false, vitestArgs: [] }
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!
    const value = () => rest[++i] ?? ''
    if (arg === '--') parsed.vitestArgs.push(...rest.splice(i + 1))
    else if (arg === '--profile') parsed.profileFile = value()
    else if (arg === '--resource') parsed.resource = value()
    else if (arg === '--portable-only') parsed.portableOnly = true
    else if (arg === '--user') {
      const pair = value()
      const colon = pair.indexOf(':')
      if (colon < 1) return '--user takes email:password'
      parsed.account = { email: pair.slice(0, colon), password: pair.slice(colon + 1) }
    } else parsed.vitestArgs.push(arg)
  }
  return parsed
}

async function loadProfile(file: string | null): Promise<ResolvedBackendProfile> {
  if (!file) return defaultProfile
  const module = (await import(pathToFileURL(resolve(file)).href)) as { default?: unknown }
  if (module.default === undefined) throw new Error(`${file} has no default export (the BackendProfile)`)
  return validateProfile(module.default)
}

/** Whether the server has our mock's controls: `GET /__mock/stats` answers JSON. */
async function hasControls(origin: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/__mock/stats`)
    return response.ok && (response.headers.get('content-type') ?? '').includes('json')
  } catch {
    return false
  }
}

const sameEndpoints = (profile: ResolvedBackendProfile) =>
  (['login', 'refresh', 'logout', 'signup', 'user'] as const).every((name) => profile.endpoints[name] === defaultProfile.endpoints[name])

interface SuiteTest {
  fullName: string
  status: string
  failureMessages?: string[]
}

/**
 * This project's whole contract suite (contract.remote.test.ts), for a server of our dialect with the `/__mock`
 * controls; its tests become check results (skipped ones: not checked; `[mock-only]` ones that fail: differs).
 */
function runContractSuite(origin: string, vitestArgs: string[]): CheckResult[] {
  const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs')
  const file = join(dirname(fileURLToPath(import.meta.url)), 'contract.remote.test.ts')
  const dir = mkdtempSync(join(tmpdir(), 'contract-'))
  const output = join(dir, 'results.json')
  try {
    spawnSync(process.execPath, [vitest, 'run', file, '--reporter=./scripts/plain-summary-reporter.ts', '--reporter=json', `--outputFile.json=${output}`, ...vitestArgs], {
      stdio: 'inherit',
      env: { ...process.env, CONTRACT_URL: origin },
    })
    const report = JSON.parse(readFileSync(output, 'utf8')) as { testResults: Array<{ assertionResults: SuiteTest[] }> }
    return report.testResults.flatMap((file) =>
      file.assertionResults.map((test): CheckResult => {
        const mockOnly = test.fullName.includes('[mock-only]')
        const detail = test.failureMessages?.[0]?.split('\n')[0]
        if (test.status === 'passed') return { name: test.fullName, outcome: 'passed', mockOnly }
        if (test.status === 'failed') return { name: test.fullName, outcome: mockOnly ? 'differs' : 'failed', mockOnly, ...(detail ? { detail } : {}) }
        return { name: test.fullName, outcome: 'not checked', mockOnly, detail: 'skipped (a control this server lacks, or filtered out)' }
      }),
    )
  } catch (error) {
    return [{ name: 'the contract suite ran', outcome: 'failed', detail: String(error) }]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2))
  if (typeof args === 'string') {
    console.error(`${args}\n\n${USAGE}`)
    return 2
  }
  let profile: ResolvedBackendProfile
  try {
    profile = await loadProfile(args.profileFile)
  } catch (error) {
    console.error(`The profile could not be loaded: ${error instanceof Error ? error.message : String(error)}`)
    return 2
  }
  const controls = await hasControls(args.origin)
  let account = args.account
  if (!account && controls) {
    // The mock's seeded account, from a fresh database; DPoP optional, since these checks speak Bearer (the
    // contract suite below checks DPoP).
    await fetch(`${args.origin}/__mock/reset`, { method: 'POST' })
    await fetch(`${args.origin}/__mock/config`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ dpop: 'optional' }) })
    account = MOCK_DEMO_ACCOUNT
  }
  console.log(`Conformance of ${args.origin} to ${args.profileFile ?? 'the default profile (this project\'s contract)'}`)
  console.log(`  test account: ${account ? account.email : 'none (--user email:password)'} · /__mock controls: ${controls ? 'yes' : 'no'}\n`)

  const portable = await runProfileChecks({ origin: args.origin, profile, account, controls, ...(args.resource ? { resource: args.resource } : {}) })
  console.log('What the client relies on (any backend):')
  console.log(formatResults(portable))
  console.log(`  ${formatSummary(summarize(portable))}\n`)

  let suite: CheckResult[] = []
  if (controls && sameEndpoints(profile) && !args.portableOnly) {
    console.log("This project's contract suite (our dialect, with the /__mock controls):")
    suite = runContractSuite(args.origin, args.vitestArgs)
    const shown = suite.filter((result) => result.outcome === 'failed' || result.outcome === 'differs')
    if (shown.length > 0) console.log(formatResults(shown))
    console.log(`  ${formatSummary(summarize(suite))}\n`)
  } else if (!args.portableOnly) {
    const why = !controls ? 'the server has no /__mock controls' : 'the profile speaks another dialect than our contract'
    console.log(`This project's contract suite: not run (${why}).\n`)
  }

  const total = summarize([...portable, ...suite])
  console.log(`Total: ${formatSummary(total)}`)
  const code = exitCodeOf(total)
  if (total.checked === 0) console.log('Nothing was checked: this is not a pass.')
  return code
}

process.exit(await main())
