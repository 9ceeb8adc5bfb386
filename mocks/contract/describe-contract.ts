import { beforeEach, describe } from 'vitest'
import type { ContractTarget } from './harness'
import { badInputContract } from './sections/bad-input'
import { controlsContract } from './sections/controls'
import { devicesContract } from './sections/devices'
import { liveStreamContract } from './sections/live-stream'
import { dpopContract } from './sections/dpop'
import { endedContract } from './sections/ended'
import { lostAnswersContract } from './sections/lost-answers'
import { sessionsContract } from './sections/sessions'
import { strictnessContract } from './sections/strictness'
import { expiryContract } from './sections/expiry'
import { loginContract } from './sections/login'
import { logoutContract } from './sections/logout'
import { meContract } from './sections/me'
import { postsContract } from './sections/posts'
import { refreshContract } from './sections/refresh'
import { signupContract } from './sections/signup'
import { stepUpContract } from './sections/step-up'

/**
 * The whole API contract (docs/api-contract.md), written once. `useTarget` registers the hooks that start
 * a mock and reset it before each test, and returns a getter for the running target.
 */
export function describeContract(name: string, useTarget: () => () => ContractTarget): void {
  describe(`API contract over ${name}`, () => {
    const target = useTarget()
    // DPoP is "required" by default; these sections check the rules of Bearer logins, which need "optional".
    describe('with dpop "optional" (Bearer logins allowed)', () => {
      beforeEach(() => target().allowBearer())
      signupContract(target)
      loginContract(target)
      refreshContract(target)
      logoutContract(target)
      meContract(target)
      postsContract(target)
      expiryContract(target)
      badInputContract(target)
      controlsContract(target)
      sessionsContract(target)
      lostAnswersContract(target)
      endedContract(target)
      strictnessContract(target)
      devicesContract(target)
      liveStreamContract(target)
      stepUpContract(target)
    })
    dpopContract(target)
  })
}
