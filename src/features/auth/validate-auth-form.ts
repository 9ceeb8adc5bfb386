import type { Message } from '../../i18n'
import type { FieldMessages } from '../../lib/field-errors'

// The contract's rules: a plausible email of at most 254 characters, a password of 8+ characters, a name of at most 100.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const MIN_PASSWORD = 8
export const MAX_NAME = 100
export const MAX_EMAIL = 254

const length = (value: string) => [...value].length

function emailError(email: string): Message | undefined {
  if (!email.trim()) return (t) => t.validation.emailMissing
  if (length(email.trim()) > MAX_EMAIL) return (t) => t.validation.emailTooLong(MAX_EMAIL)
  if (!EMAIL_SHAPE.test(email.trim())) return (t) => t.validation.emailShape
  return undefined
}

export function validateLogin(input: { email: string; password: string }): FieldMessages<'email' | 'password'> {
  const errors: FieldMessages<'email' | 'password'> = {}
  const email = emailError(input.email)
  if (email) errors.email = email
  if (!input.password) errors.password = (t) => t.validation.passwordMissing
  return errors
}

export function validateSignup(input: { name: string; email: string; password: string }): FieldMessages<'name' | 'email' | 'password'> {
  const errors: FieldMessages<'name' | 'email' | 'password'> = {}
  if (!input.name.trim()) errors.name = (t) => t.validation.nameMissing
  else if (length(input.name) > MAX_NAME) errors.name = (t) => t.validation.nameTooLong(MAX_NAME)
  const email = emailError(input.email)
  if (email) errors.email = email
  if (length(input.password) < MIN_PASSWORD) errors.password = (t) => t.validation.passwordTooShort(MIN_PASSWORD)
  return errors
}
