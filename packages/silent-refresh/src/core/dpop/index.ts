/** DPoP (RFC 9449) building blocks for the auth client: support check, the origin's key, proofs, nonces. */
export { DpopKeyLostError, DpopUnavailableError } from './errors'
export { dpopHtu } from './htu'
export { createDpopKeyStore, type DpopKey, type DpopKeyStore, type DpopKeyStoreOptions } from './key-store'
export { withDpopNonceRetry, type ResponseOfError } from './nonce-retry'
export { isDpopNonceChallenge, readDpopNonce, type ChallengeResponse, type ResponseHeaders } from './nonce'
export { createDpopSigner, type DpopProofRequest, type DpopSigner, type DpopSignerOptions } from './signer'
export { detectDpopSupport, type DpopEnvironment, type DpopSupport } from './support'
