import type { FieldErrors } from '../../lib/field-errors'

export const MAX_TITLE = 200
export const MAX_BODY = 10_000

const length = (value: string) => [...value].length

/** The contract's rules for a post: a title that is not only white space, at most 200 characters; a body of at most 10,000. */
export function validatePost(input: { title: string; body: string }): FieldErrors<'title' | 'body'> {
  const errors: FieldErrors<'title' | 'body'> = {}
  if (!input.title.trim()) errors.title = 'Give your post a title.'
  else if (length(input.title) > MAX_TITLE) errors.title = `Use at most ${MAX_TITLE} characters for the title.`
  if (length(input.body) > MAX_BODY) errors.body = `Use at most ${MAX_BODY.toLocaleString('en')} characters for the text.`
  return errors
}
