import { isDpopNonceChallenge, type ChallengeResponse } from './nonce'
import type { DpopSigner } from './signer'

/** The response inside a failed request's error: axios's `error.response` by default. */
export type ResponseOfError = (error: unknown) => ChallengeResponse | undefined

const axiosResponse: ResponseOfError = (error) =>
  typeof error === 'object' && error !== null && 'response' in error ? (error.response as ChallengeResponse | undefined) : undefined

/**
 * Sends a request; if the server answers with a nonce challenge, remembers its `DPoP-Nonce` and sends
 * it ONCE more. `send` must sign a new proof on each call (new `jti`, the new nonce). A second
 * challenge, or any other failure, goes to the caller. Nothing was used up on the server by the
 * challenged attempt, so for the client both attempts are one request (one refresh, one login).
 *
 * @example
 * const response = await withDpopNonceRetry(signer, async () =>
 *   authHttp.post('/auth/refresh', {}, { headers: { DPoP: await signer.proofFor({ keyPair, method: 'POST', url }) } }))
 */
export async function withDpopNonceRetry<T>(signer: DpopSigner, send: () => Promise<T>, responseOf: ResponseOfError = axiosResponse): Promise<T> {
  try {
    return await send()
  } catch (error) {
    const response = responseOf(error)
    if (!isDpopNonceChallenge(response)) throw error
    signer.rememberNonce(response?.headers)
    return send()
  }
}
