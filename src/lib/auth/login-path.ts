/** The login page, asked to come back to `returnTo` (a path with its search) afterwards. */
export function loginPath(returnTo?: string): string {
  if (!returnTo || returnTo === '/' || returnTo.startsWith('/login')) return '/login'
  return `/login?${new URLSearchParams({ returnTo }).toString()}`
}

/**
 * Marks a link of the login page whose address keeps the page's query (the way to signup keeps `returnTo`). The HTML
 * prerendered at build time has no query: the page's first module writes the page's own into these links
 * (src/app/login-shell.ts), so React's first render finds the HTML it makes and hydrates it.
 *
 * @example
 * <Link to={{ pathname: '/signup', search }} {...{ [CARRIES_QUERY_ATTRIBUTE]: '' }}>Create an account</Link>
 */
export const CARRIES_QUERY_ATTRIBUTE = 'data-carries-query'
