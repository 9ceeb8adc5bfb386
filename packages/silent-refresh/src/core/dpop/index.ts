/** DPoP (RFC 9449) building blocks for the auth client: support check and the origin's key, proofs, nonces. */
export { createDpopKeyStore, detectDpopSupport, type DpopEnvironment, type DpopKey, type DpopKeyStore, type DpopKeyStoreOptions, type DpopSupport } from './key-store'
export { isDpopNonceChallenge, readDpopNonce, withDpopNonceRetry, type ChallengeResponse, type ResponseHeaders, type ResponseOfError } from './nonce'
export { createDpopSigner, dpopHtu, type DpopProofRequest, type DpopSigner, type DpopSignerOptions } from './signer'
