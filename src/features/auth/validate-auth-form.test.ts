import { describe, expect, it } from 'vitest'
import { en, ko } from '../../i18n'
import { inWords } from '../../lib/field-errors'
import * as forms from './validate-auth-form'

const validateLogin = (input: { email: string; password: string }) => inWords(forms.validateLogin(input), en, 'en')
const validateSignup = (input: { name: string; email: string; password: string }) => inWords(forms.validateSignup(input), en, 'en')

describe('validateLogin', () => {
  it('accepts an email and a password', () => {
    expect(validateLogin({ email: 'demo@example.com', password: 'x' })).toEqual({})
  })

  it('asks for a valid email and a password', () => {
    expect(validateLogin({ email: '', password: '' })).toEqual({
      email: 'Enter your email address.',
      password: 'Enter your password.',
    })
    expect(validateLogin({ email: 'not-an-email', password: 'x' }).email).toMatch(/valid email/)
    expect(validateLogin({ email: 'a b@example.com', password: 'x' }).email).toMatch(/valid email/)
  })

  it("refuses an email over the contract's 254 characters before the server does, in the UI's language", () => {
    const long = `${'a'.repeat(243)}@example.com` // 255 characters
    expect(validateLogin({ email: long.slice(1), password: 'x' })).toEqual({})
    expect(validateLogin({ email: long, password: 'x' }).email).toBe('Use at most 254 characters for your email address.')
    expect(inWords(forms.validateLogin({ email: long, password: 'x' }), ko, 'ko').email).toBe('이메일 주소는 254자 이하로 입력해 주세요.')
  })
})

describe('validateSignup', () => {
  const valid = { name: 'Ada', email: 'ada@example.com', password: '12345678' }

  it('accepts what the contract accepts', () => {
    expect(validateSignup(valid)).toEqual({})
    expect(validateSignup({ ...valid, name: 'é'.repeat(100) })).toEqual({})
    // Lengths count code points: 8 emoji are 8 characters.
    expect(validateSignup({ ...valid, password: '😀'.repeat(8) })).toEqual({})
  })

  it('refuses a short password, a long or blank name, a bad email', () => {
    expect(validateSignup({ ...valid, password: '1234567' }).password).toMatch(/at least 8/)
    expect(validateSignup({ ...valid, name: 'a'.repeat(101) }).name).toMatch(/at most 100/)
    expect(validateSignup({ ...valid, name: '   ' }).name).toBe('Enter your name.')
    expect(validateSignup({ ...valid, email: 'ada@' }).email).toMatch(/valid email/)
  })
})
