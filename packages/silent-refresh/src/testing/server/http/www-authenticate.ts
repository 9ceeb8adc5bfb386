const quoted = (text: string) => text.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '?')

/** RFC 6750 §3 challenges. `error_description` may not hold `"` or `\`. */
export function bearerChallenge(error?: { code: string; description: string }): string {
  if (!error) return 'Bearer realm="api"'
  return `Bearer realm="api", error="${error.code}", error_description="${quoted(error.description)}"`
}

/** RFC 9449 §7.1 challenges: `use_dpop_nonce` alone, otherwise with the algorithms the server accepts. */
export function dpopChallenge(error?: { code: string; description: string }): string {
  if (!error) return 'DPoP algs="ES256"'
  if (error.code === 'use_dpop_nonce') return `DPoP error="use_dpop_nonce", error_description="${quoted(error.description)}"`
  return `DPoP algs="ES256", error="${error.code}", error_description="${quoted(error.description)}"`
}
