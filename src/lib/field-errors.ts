/** Field name → what is wrong with it, in words. Empty when the form may be sent. */
export type FieldErrors<Field extends string> = Partial<Record<Field, string>>

export function hasErrors(errors: Partial<Record<string, string>>): boolean {
  return Object.values(errors).some(Boolean)
}
