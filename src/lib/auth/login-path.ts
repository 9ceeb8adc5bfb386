/** The login page, asked to come back to `returnTo` (a path with its search) afterwards. */
export function loginPath(returnTo?: string): string {
  if (!returnTo || returnTo === '/' || returnTo.startsWith('/login')) return '/login'
  return `/login?${new URLSearchParams({ returnTo }).toString()}`
}
