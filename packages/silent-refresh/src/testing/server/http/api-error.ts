/** What a refusal counts as in `stats()`: a DPoP proof refused, or a nonce challenge. */
export type DpopRefusal = 'rejected' | 'challenge'

/** A refusal the mock answers as `{ error: code, message }` with `status`; thrown by handlers, answered by the endpoint wrapper. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly dpop?: DpopRefusal,
  ) {
    super(message)
  }
}

export const invalidRequest = (message: string) => new ApiError(400, 'invalid_request', message)
