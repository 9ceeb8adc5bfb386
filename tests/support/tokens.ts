import { SignJWT } from 'jose'

const encoder = new TextEncoder()

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

/** An unsigned JWT with any header and claims, for tokens a server would never issue. */
export function rawToken(header: object, claims: object, signature = 'c2ln'): string {
  return `${base64url(header)}.${base64url(claims)}.${signature}`
}

/** An HS256 access token like the mock's, signed with a test secret; times in seconds. */
export async function accessToken(claims: { iat: number; exp: number; sub?: string } & Record<string, unknown>): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode('test-secret-test-secret-test-secret'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return new SignJWT({ email: 'demo@example.com', name: 'Demo User', typ: 'access', ...claims, sub: claims.sub ?? 'user-1' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(key)
}
