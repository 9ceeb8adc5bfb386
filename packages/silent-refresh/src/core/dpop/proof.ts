/**
 * DPoP proofs (RFC 9449 §4.2) at the cost of their signature: the JWS is the one panva's `dpop` makes
 * (`typ: dpop+jwt`, ES256, the public JWK in the header; `iat`, `jti`, `htm`, `htu`, `nonce`, `ath`), but what
 * does not change between proofs is computed once: the encoded header (the public JWK's export) once per key,
 * `ath` (SHA-256 of the access token) once per token (the last four kept). The signature itself is WebCrypto's
 * (`crypto.subtle.sign`, ECDSA P-256 with SHA-256) with the non-extractable private key, as `dpop` does.
 * No dependency: the page's first module signs the start-up refresh with it too.
 */

/**
 * A proof's `htu` (RFC 9449 §4.2): the request's absolute URL without query and fragment, a relative URL resolved
 * against `origin`; `new URL` normalises scheme and host case, default ports and dot segments as the server's
 * comparison does. `{ error }` when the URL cannot be resolved (the signer's `dpopHtu` throws the `AuthError` for it;
 * the page's first module sends no proof).
 */
export function htuOf(url: string, origin: string | undefined): string | { error: unknown } {
  try {
    const parsed = new URL(url, origin)
    return `${parsed.origin}${parsed.pathname}`
  } catch (error) {
    return { error }
  }
}

/** Makes proofs; holds the per-key header and the last token's `ath`. */
export interface ProofMaker {
  /** A compact JWS for one request: `htu` already normalised (`dpopHtu`), `htm` upper-case. An ES256 key pair only (WebCrypto refuses another). */
  sign(keyPair: CryptoKeyPair, htu: string, htm: string, nonce: string | null, accessToken: string | null): Promise<string>
}

const encoder = new TextEncoder()

const fromBase64 = (base64: string) => base64.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')

function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!)
  return fromBase64(btoa(binary))
}

/** JSON as base64url of its UTF-8; printable ASCII (every claim here, nearly always) goes straight through `btoa`. */
function encodeJson(value: unknown): string {
  const json = JSON.stringify(value)
  return /^[\x20-\x7e]*$/.test(json) ? fromBase64(btoa(json)) : base64url(encoder.encode(json))
}

/** The protected header, encoded: `{ alg, typ, jwk }` with exactly the public members of the key. */
async function encodedHeader(publicKey: CryptoKey): Promise<string> {
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', publicKey)
  return encodeJson({ alg: 'ES256', typ: 'dpop+jwt', jwk: { crv, kty, x, y } })
}

async function hashToken(token: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(token))))
}

/**
 * @example
 * const proofs = createProofMaker()
 * const proof = await proofs.sign(keyPair, 'https://app.example/api/me', 'GET', nonce, accessToken)
 */
export function createProofMaker(): ProofMaker {
  // Kept as values, not promises: a proof with both at hand awaits nothing but its signature.
  const headers = new WeakMap<CryptoKey, string>()
  // The last few tokens' hashes (a refresh's replay and a second client on the same signer alternate tokens).
  const hashes = new Map<string, string>()

  const headerFor = async (publicKey: CryptoKey) => {
    let header = headers.get(publicKey)
    if (header === undefined) headers.set(publicKey, (header = await encodedHeader(publicKey)))
    return header
  }
  const athFor = async (token: string) => {
    const hash = await hashToken(token)
    hashes.set(token, hash)
    if (hashes.size > 4) hashes.delete(hashes.keys().next().value!)
    return hash
  }

  return {
    async sign(keyPair, htu, htm, nonce, accessToken) {
      const header = headers.get(keyPair.publicKey) ?? (await headerFor(keyPair.publicKey))
      const tokenHash = !accessToken ? null : (hashes.get(accessToken) ?? (await athFor(accessToken)))
      const claims = {
        iat: Math.floor(Date.now() / 1000),
        jti: crypto.randomUUID(),
        htm,
        htu,
        ...(nonce ? { nonce } : {}),
        ...(tokenHash ? { ath: tokenHash } : {}),
      }
      const input = `${header}.${encodeJson(claims)}`
      const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keyPair.privateKey, encoder.encode(input))
      return `${input}.${base64url(new Uint8Array(signature))}`
    },
  }
}
