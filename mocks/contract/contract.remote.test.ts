import { beforeAll, beforeEach, it } from 'vitest'
import { createTestClient, type ContractTarget } from './harness'
import { describeContract } from './describe-contract'
import { createRemoteControl, probeControls } from './remote-control'

// `npm run contract -- http://host:port` sets CONTRACT_URL: the whole contract against any server. Skipped otherwise.
const baseUrl = process.env.CONTRACT_URL?.replace(/\/+$/, '')

if (baseUrl) {
  let controls = { reset: false, others: false }
  const control = createRemoteControl(baseUrl, () => controls.others)
  beforeAll(async () => {
    controls = await probeControls(baseUrl)
    if (!controls.reset) console.warn(`[contract] ${baseUrl} has no POST /__mock/reset: every test is skipped (each starts from the seeded database)`)
    else if (!controls.others) console.warn(`[contract] ${baseUrl} has no /__mock/stats: tests that need the clock, config, fail or stats controls are skipped`)
  })
  beforeEach((context) => {
    if (!controls.reset) context.skip('needs POST /__mock/reset')
    return control.reset()
  })
  describeContract(`HTTP at ${baseUrl}`, () => {
    const target: ContractTarget = { kind: 'http', control, client: () => createTestClient(baseUrl),
      allowBearer: async () => (controls.others ? control.configure({ dpop: 'optional' }) : undefined),
    }
    return () => target
  })
} else {
  it.skip('runs only with CONTRACT_URL (npm run contract -- http://host:port)', () => {})
}
