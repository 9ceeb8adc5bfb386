import { SignJWT, compactVerify, errors } from 'jose'
import { base64ToBytes, bytesToBase64, randomBytes } from './encoding'

export interface AccessClaims {
  sub: string
  email: string
  name: string
  iat: number
  exp: number
  jti: string
  typ: 'access'
  /** The login's family id: an ended or revoked family ends its access tokens at once. */
  sid: string
  /** RFC 9449 §6.1: the DPoP key this token is bound to. */
  cnf?: { jkt: string }
  /** OpenID Connect / RFC 9470: when the person last proved it was them in this login (epoch seconds). */
  auth_time?: number
}

export interface RefreshClaims {
  sub: string
  jti: string
  fam: string
  iat: number
  exp: number
  typ: 'refresh'
}

export type TokenType = 'access' | 'refresh'

const OPAQUE_PREFIX = 'opaque_'

/**
 * An access token as a profile with `mock.accessTokens: 'opaque'` hands it out: the JWT wrapped (base64url, a prefix,
 * no dots), so a client cannot decode it and must go by the answer's `expiresIn`. `presentedJwt` unwraps it.
 */
export function toOpaqueToken(jwt: string): string {
  return OPAQUE_PREFIX + bytesToBase64(new TextEncoder().encode(jwt)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The JWT behind a presented access token: an opaque one (`toOpaqueToken`) unwrapped, any other as it is. */
export function presentedJwt(token: string): string {
  if (!token.startsWith(OPAQUE_PREFIX)) return token
  const text = token.slice(OPAQUE_PREFIX.length).replace(/-/g, '+').replace(/_/g, '/')
  try {
    return new TextDecoder().decode(base64ToBytes(text + '='.repeat((4 - (text.length % 4)) % 4)))
  } catch {
    return token // not base64: verifyToken refuses it as malformed
  }
}

export type InvalidTokenReason = 'malformed' | 'algorithm' | 'signature' | 'type' | 'expired'

/** A token the mock refuses; `reason` picks the message, the status is the caller's business. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError'
  constructor(
    readonly reason: InvalidTokenReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

export interface TokenKeys {
  /** Base64 of the raw HMAC secret, kept so a persisted mock can verify its own tokens after a reload. */
  secret: string
  key: CryptoKey
}

/** A fresh HS256 secret. A CryptoKey, not a Uint8Array: jose refuses cross-realm byte arrays under jsdom. */
export function createTokenKeys(): Promise<TokenKeys> {
  return importTokenKeys(bytesToBase64(randomBytes(32)))
}

export async function importTokenKeys(secret: string): Promise<TokenKeys> {
  const key = await crypto.subtle.importKey('raw', base64ToBytes(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
  return { secret, key }
}

export function signToken(keys: TokenKeys, claims: AccessClaims | RefreshClaims): Promise<string> {
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(keys.key)
}

const MAX_TOKEN_LENGTH = 8192

async function verifiedPayload(keys: TokenKeys, token: string): Promise<Record<string, unknown>> {
  if (token.length > MAX_TOKEN_LENGTH || token.split('.').length !== 3) {
    throw new InvalidTokenError('malformed', 'The token is not a compact JWT')
  }
  let payload: Uint8Array
  try {
    ;({ payload } = await compactVerify(token, keys.key, { algorithms: ['HS256'] }))
  } catch (error) {
    if (error instanceof errors.JOSEAlgNotAllowed) {
      throw new InvalidTokenError('algorithm', 'The token is not signed with HS256', { cause: error })
    }
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      throw new InvalidTokenError('signature', 'The token signature is invalid', { cause: error })
    }
    throw new InvalidTokenError('malformed', 'The token is malformed', { cause: error })
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload))
  } catch (error) {
    throw new InvalidTokenError('malformed', 'The token payload is not JSON', { cause: error })
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidTokenError('malformed', 'The token payload is not a JSON object')
  }
  return parsed as Record<string, unknown>
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0
const isSeconds = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value)

function checkClaims(payload: Record<string, unknown>, type: TokenType): AccessClaims | RefreshClaims {
  if (payload.typ !== type) throw new InvalidTokenError('type', `The token is not ${type === 'access' ? 'an access' : 'a refresh'} token`)
  const common = isText(payload.sub) && isText(payload.jti) && isSeconds(payload.iat) && isSeconds(payload.exp)
  const cnf = payload.cnf as { jkt?: unknown } | undefined
  const boundOk = cnf === undefined || (typeof cnf === 'object' && cnf !== null && isText(cnf.jkt))
  const specific = type === 'access' ? isText(payload.email) && typeof payload.name === 'string' && isText(payload.sid) && boundOk : isText(payload.fam)
  if (!common || !specific) throw new InvalidTokenError('malformed', 'The token lacks required claims')
  return payload as unknown as AccessClaims | RefreshClaims
}

export interface VerifyOptions {
  /** The mock clock, in epoch seconds. */
  nowSeconds: number
  /** The refresh endpoint checks a presented access token's integrity, not its age. */
  ignoreExpiry?: boolean
}

export async function verifyToken(keys: TokenKeys, token: string, type: 'access', options: VerifyOptions): Promise<AccessClaims>
export async function verifyToken(keys: TokenKeys, token: string, type: 'refresh', options: VerifyOptions): Promise<RefreshClaims>
export async function verifyToken(keys: TokenKeys, token: string, type: TokenType, options: VerifyOptions): Promise<AccessClaims | RefreshClaims> {
  const claims = checkClaims(await verifiedPayload(keys, token), type)
  if (!options.ignoreExpiry && claims.exp <= options.nowSeconds) {
    throw new InvalidTokenError('expired', `The ${type} token expired`)
  }
  return claims
}
