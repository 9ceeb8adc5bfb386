import { en, type Messages } from '../../i18n'
import type { FieldErrors } from '../../lib/field-errors'

// The contract's rules: a plausible email, a password of 8+ characters, a name of at most 100.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const MIN_PASSWORD = 8
export const MAX_NAME = 100

const length = (value: string) => [...value].length

type Words = Messages['validation']

function emailError(email: string, words: Words): string | undefined {
  if (!email.trim()) return words.emailMissing
  if (!EMAIL_SHAPE.test(email.trim())) return words.emailShape
  return undefined
}

export function validateLogin(input: { email: string; password: string }, words: Words = en.validation): FieldErrors<'email' | 'password'> {
  const errors: FieldErrors<'email' | 'password'> = {}
  const email = emailError(input.email, words)
  if (email) errors.email = email
  if (!input.password) errors.password = words.passwordMissing
  return errors
}

export function validateSignup(
  input: { name: string; email: string; password: string },
  words: Words = en.validation,
): FieldErrors<'name' | 'email' | 'password'> {
  const errors: FieldErrors<'name' | 'email' | 'password'> = {}
  if (!input.name.trim()) errors.name = words.nameMissing
  else if (length(input.name) > MAX_NAME) errors.name = words.nameTooLong(MAX_NAME)
  const email = emailError(input.email, words)
  if (email) errors.email = email
  if (length(input.password) < MIN_PASSWORD) errors.password = words.passwordTooShort(MIN_PASSWORD)
  return errors
}
