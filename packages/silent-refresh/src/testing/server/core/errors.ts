/**
 * A control call (`advanceClock`, `configure`, `failNext`) got an argument it refuses.
 * Over HTTP the same refusal is a 400 `invalid_request`.
 */
export class InvalidMockControlError extends Error {
  override readonly name = 'InvalidMockControlError'
}

export function isInvalidMockControlError(error: unknown): error is InvalidMockControlError {
  return error instanceof Error && error.name === 'InvalidMockControlError'
}
