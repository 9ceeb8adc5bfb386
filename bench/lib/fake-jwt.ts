/**
 * A well-formed HS256 access token with a placeholder signature, for in-process adapters: the client
 * decodes tokens but never verifies them, so no key is needed (and no jose realm trap).
 */
export function fakeAccessToken(claims: { sub: string; iatSeconds: number; expSeconds: number; jti: string; boundKey?: string }): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const payload = { sub: claims.sub, email: 'demo@example.com', name: 'Demo User', iat: claims.iatSeconds, exp: claims.expSeconds, jti: claims.jti, typ: 'access', ...(claims.boundKey ? { cnf: { jkt: claims.boundKey } } : {}) }
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.${Buffer.from(`sig-${claims.jti}`).toString('base64url')}`
}
