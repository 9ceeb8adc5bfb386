import { base64ToBytes, bytesToBase64, constantTimeEqual, randomBytes } from './encoding'

/** A salted PBKDF2-SHA-256 hash: the only form in which the mock keeps a password. */
export interface PasswordHash {
  algorithm: 'PBKDF2-SHA-256'
  iterations: number
  salt: string
  hash: string
}

export const PBKDF2_ITERATIONS = 100_000

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<string> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256)
  return bytesToBase64(new Uint8Array(bits))
}

export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<PasswordHash> {
  const salt = randomBytes(16)
  return { algorithm: 'PBKDF2-SHA-256', iterations, salt: bytesToBase64(salt), hash: await derive(password, salt, iterations) }
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const candidate = await derive(password, base64ToBytes(stored.salt), stored.iterations)
  return constantTimeEqual(candidate, stored.hash)
}
