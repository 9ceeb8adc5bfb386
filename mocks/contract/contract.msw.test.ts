import { createTestClient, type ContractTarget } from './harness'
import { describeContract } from './describe-contract'
import { useMockServer } from '../testing'
import { vi } from 'vitest'
import { CONTRACT_TIMEOUT_MS } from '../../tests/support/timeouts'

// The whole API contract, logins and rate limits included: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: CONTRACT_TIMEOUT_MS })

describeContract('msw/node', () => {
  const { mockControl } = useMockServer()
  let clients = 0
  // MSW keeps one cookie jar per process, keyed by host: a host per client keeps clients apart (*.localhost is a
  // secure context for tough-cookie, so the Secure cookie is stored and sent).
  const target: ContractTarget = { kind: 'msw', control: mockControl, client: () => createTestClient(`http://client-${++clients}.localhost`),
    allowBearer: () => mockControl.configure({ dpop: 'optional' }),
  }
  return () => target
})
