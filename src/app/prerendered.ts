import type { Locale } from '../i18n'

/**
 * The shells the build renders into the HTML (src/prerender.tsx, vite.config.ts's `prerenderShells`): the login form
 * (`login.html`, served for /login) and the splash (`index.html`, every other path). The attribute on `#root` says
 * which one the page holds; src/render-app.tsx hydrates it when the first render makes the same.
 */
export type PrerenderedShell = 'login' | 'splash'

export const PRERENDERED_ATTRIBUTE = 'data-prerendered'

/**
 * The prerendered HTML is English (`<html lang="en">`): the server cannot know a remembered language (localStorage).
 * React hydrates in English and switches to the remembered language as soon as the page is hydrated (a transition):
 * a Korean reader sees the English shell until the app's code has run, then Korean; never a blank page or a shift.
 */
export const PRERENDERED_LOCALE: Locale = 'en'
