/**
 * Every path the app has a page for (app-routes.tsx). No React here: vite.config.ts reads it to answer any other path
 * with 404 (the app's own "Page not found" page, so crawlers and tools see the status too).
 */
export const APP_PATHS: readonly string[] = ['/', '/login', '/signup', '/profile', '/board']
