import type { FieldMessages } from '../../lib/field-errors'

export const MAX_TITLE = 200
export const MAX_BODY = 10_000

const length = (value: string) => [...value].length

/** The contract's rules for a post: a title that is not only white space, at most 200 characters; a body of at most 10,000. */
export function validatePost(input: { title: string; body: string }): FieldMessages<'title' | 'body'> {
  const errors: FieldMessages<'title' | 'body'> = {}
  if (!input.title.trim()) errors.title = (t) => t.validation.titleMissing
  else if (length(input.title) > MAX_TITLE) errors.title = (t) => t.validation.titleTooLong(MAX_TITLE)
  if (length(input.body) > MAX_BODY) errors.body = (t, locale) => t.validation.bodyTooLong(MAX_BODY.toLocaleString(locale))
  return errors
}
