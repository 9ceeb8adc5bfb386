import { describe, expect, it } from 'vitest'
import { en } from '../../i18n'
import { inWords } from '../../lib/field-errors'
import { validatePost as validate } from './validate-post'

const validatePost = (input: { title: string; body: string }) => inWords(validate(input), en, 'en')

describe('validatePost', () => {
  it('accepts a title and a body at their limits', () => {
    expect(validatePost({ title: 't'.repeat(200), body: 'b'.repeat(10_000) })).toEqual({})
    expect(validatePost({ title: '😀'.repeat(200), body: '' })).toEqual({})
  })

  it('refuses an empty or blank title', () => {
    expect(validatePost({ title: '', body: 'x' }).title).toBe('Give your post a title.')
    expect(validatePost({ title: ' \t\n ', body: 'x' }).title).toBe('Give your post a title.')
  })

  it('refuses a title or a body over the limit', () => {
    expect(validatePost({ title: 't'.repeat(201), body: '' }).title).toMatch(/at most 200/)
    expect(validatePost({ title: 'ok', body: 'b'.repeat(10_001) }).body).toMatch(/at most 10,000/)
  })
})
