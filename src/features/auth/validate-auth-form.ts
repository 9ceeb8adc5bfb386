import type { FieldErrors } from '../../lib/field-errors'

// The contract's rules: a plausible email, a password of 8+ characters, a name of at most 100.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const MIN_PASSWORD = 8
export const MAX_NAME = 100

const length = (value: string) => [...value].length

function emailError(email: string): string | undefined {
  if (!email.trim()) return 'Enter your email address.'
  if (!EMAIL_SHAPE.test(email.trim())) return 'Enter a valid email address, like name@example.com.'
  return undefined
}

export function validateLogin(input: { email: string; password: string }): FieldErrors<'email' | 'password'> {
  const errors: FieldErrors<'email' | 'password'> = {}
  const email = emailError(input.email)
  if (email) errors.email = email
  if (!input.password) errors.password = 'Enter your password.'
  return errors
}

export function validateSignup(input: {
  name: string
  email: string
  password: string
}): FieldErrors<'name' | 'email' | 'password'> {
  const errors: FieldErrors<'name' | 'email' | 'password'> = {}
  if (!input.name.trim()) errors.name = 'Enter your name.'
  else if (length(input.name) > MAX_NAME) errors.name = `Use at most ${MAX_NAME} characters for your name.`
  const email = emailError(input.email)
  if (email) errors.email = email
  if (length(input.password) < MIN_PASSWORD) errors.password = `Use at least ${MIN_PASSWORD} characters for your password.`
  return errors
}
