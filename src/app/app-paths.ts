/**
 * Every path the app has a page for (app-routes.tsx). No React here: vite.config.ts reads it to answer any other path
 * with 404 (the app's own "Page not found" page, so crawlers and tools see the status too).
 */
export const APP_PATHS: readonly string[] = ['/', '/login', '/signup', '/profile', '/board']

/** The pages for a signed-in person (`/` is the profile): without a session they are the login page (guards.tsx). */
export const SIGNED_IN_PATHS: ReadonlySet<string> = new Set(['/', '/profile', '/board'])
