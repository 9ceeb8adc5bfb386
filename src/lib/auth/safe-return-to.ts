const BASE = 'https://app.invalid'
const MAX_DECODES = 5
// eslint-disable-next-line no-control-regex -- control characters are exactly what we reject
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/

function isSafeLocalPath(candidate: string): boolean {
  return (
    candidate.startsWith('/') &&
    !candidate.startsWith('//') &&
    !candidate.startsWith('/\\') &&
    !CONTROL_CHARS.test(candidate)
  )
}

/** Every form the value takes when decoded again and again, or null when a form does not decode. */
function decodedForms(value: string): string[] | null {
  const forms = [value]
  let current = value
  for (let i = 0; i < MAX_DECODES; i++) {
    let next: string
    try {
      next = decodeURIComponent(current)
    } catch {
      return null
    }
    if (next === current) return forms
    forms.push(next)
    current = next
  }
  return null
}

/**
 * Where to go after logging in: `returnTo` when it is a same-origin relative path, otherwise `fallback`.
 * Both the input (in every decoded form, so `%2F%2Fevil.com` tricks fail) and what is returned
 * (after `.`/`..` segments are resolved, so `/..//evil.com` cannot become `//evil.com`) are checked.
 *
 * @example
 * safeReturnTo('/board?tab=mine') // '/board?tab=mine'
 * safeReturnTo('//evil.com')      // '/profile'
 */
export function safeReturnTo(returnTo: string | null | undefined, fallback = '/profile'): string {
  if (!returnTo) return fallback
  const forms = decodedForms(returnTo)
  if (!forms || !forms.every(isSafeLocalPath)) return fallback
  const url = new URL(returnTo, BASE)
  if (url.origin !== BASE) return fallback
  const result = `${url.pathname}${url.search}${url.hash}`
  const resultForms = decodedForms(result)
  if (!resultForms || !resultForms.every(isSafeLocalPath)) return fallback
  return result
}
