/**
 * A proof's `htu`: the request's absolute URL without query and fragment (RFC 9449 §4.2), a relative
 * URL resolved against `origin` (the page's, e.g. `location.origin`). `new URL` normalises scheme and
 * host case, default ports and dot segments as the server's comparison does.
 *
 * @example
 * dpopHtu('/api/posts?page=2#top', 'https://app.example') // 'https://app.example/api/posts'
 */
export function dpopHtu(url: string, origin: string | undefined): string {
  let parsed: URL
  try {
    parsed = new URL(url, origin)
  } catch (error) {
    throw new TypeError(`DPoP needs an absolute request URL: "${url}" with origin "${origin ?? '(none)'}" is not one`, { cause: error })
  }
  return `${parsed.origin}${parsed.pathname}`
}
