import { AxiosError } from 'axios'
import { describe, expect, it } from 'vitest'
import { settleWithin } from './settle'

describe('settleWithin', () => {
  it('counts successes, failures by error and requests still pending at the deadline', async () => {
    class SessionExpiredError extends Error {
      override readonly name = 'SessionExpiredError'
    }
    const unauthorized = new AxiosError('401', 'ERR_BAD_REQUEST', undefined, undefined, { status: 401 } as never)
    const result = await settleWithin(
      [Promise.resolve(1), Promise.reject(new SessionExpiredError()), Promise.reject(unauthorized), new Promise(() => {})],
      50,
    )
    expect(result).toEqual({ ok: 1, failed: 2, hung: 1, errors: { SessionExpiredError: 1, 'AxiosError 401': 1 } })
  })
})
