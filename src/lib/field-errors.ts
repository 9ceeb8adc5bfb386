import type { Locale, Message, Messages } from '../i18n'

/** Field name → what is wrong with it, in words. Empty when the form may be sent. */
export type FieldErrors<Field extends string> = Partial<Record<Field, string>>

/** Field name → what is wrong with it, kept as a `Message` until it is shown (in the language of that moment). */
export type FieldMessages<Field extends string> = Partial<Record<Field, Message>>

export function hasErrors(errors: Partial<Record<string, unknown>>): boolean {
  return Object.values(errors).some(Boolean)
}

/** The messages in words, in `t`'s language. */
export function inWords<Field extends string>(messages: FieldMessages<Field>, t: Messages, locale: Locale): FieldErrors<Field> {
  const words: FieldErrors<Field> = {}
  for (const field of Object.keys(messages) as Field[]) {
    const message = messages[field]
    if (message) words[field] = message(t, locale)
  }
  return words
}
