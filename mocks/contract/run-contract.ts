import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** `npm run contract -- http://host:port [vitest options]`: the HTTP contract suite against that server. */
const [target, ...vitestArgs] = process.argv.slice(2)
if (!target || !/^https?:\/\/[^/]+\/?$/.test(target)) {
  console.error('Usage: npm run contract -- http://host:port   (the origin that serves /api, and /__mock if it has the controls)')
  process.exit(2)
}
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs')
const file = join(dirname(fileURLToPath(import.meta.url)), 'contract.remote.test.ts')
const result = spawnSync(process.execPath, [vitest, 'run', file, ...vitestArgs], {
  stdio: 'inherit',
  env: { ...process.env, CONTRACT_URL: target },
})
process.exit(result.status ?? 1)
