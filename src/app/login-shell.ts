// No React here: the page's first module (src/main.ts) runs this before the app's code has arrived.
import { CARRIES_QUERY_ATTRIBUTE, loginPath } from '../lib/auth/login-path'
import { SIGNED_IN_PATHS } from './app-paths'
import { PRERENDERED_ATTRIBUTE } from './prerendered'

/** The `<template>` in `index.html` that holds the login page as `login.html` shows it (scripts/prerender-shells.ts). */
export const LOGIN_SHELL_ID = 'login-shell'

/**
 * Where the app sends a visitor with no session who opens `pathname` (guards.tsx: `/` goes to the login page, a
 * signed-in page to the login page asked to come back to it), or null when that page is not a signed-in one.
 *
 * @example
 * loginAddressFor('/board', '?view=latest') // '/login?returnTo=%2Fboard%3Fview%3Dlatest'
 */
export function loginAddressFor(pathname: string, search: string): string | null {
  const path = pathname.replace(/(.)\/+$/, '$1')
  if (!SIGNED_IN_PATHS.has(path)) return null
  return path === '/' ? '/login' : loginPath(pathname + search)
}

/** The address of a link that keeps the query `search`, as react-router writes `{ pathname, search }`. */
function withQuery(href: string, search: string): string {
  const query = new URLSearchParams(search).toString()
  return new URL(href, 'http://x').pathname + (query ? `?${query}` : '')
}

/**
 * Readies the prerendered HTML for React's first render, before the app's code has arrived (issue 24). A visitor
 * without a session hint who opens a signed-in page would see the splash until the app's code had run and redirected
 * to the login page: instead the page moves to the login page's address at once (`history.replaceState`, as the
 * app's redirect does) and shows the login form from `index.html`'s template, which React then hydrates (so does
 * `index.html` served for /login by a host without per-route HTML). On the login
 * page, the links that keep the query get the page's own, so the HTML is what React renders there with a query too.
 *
 * Call it once the HTML is parsed. `mayHaveSession` is the session hint: with it, the splash stays (the restore is out).
 * Returns whether the login form was shown from the template.
 *
 * @example
 * const shown = readyFirstPaint(document, localStorage.getItem(SESSION_HINT_KEY) === '1')
 */
export function readyFirstPaint(doc: Document, mayHaveSession: boolean): boolean {
  const root = doc.getElementById('root')
  if (!root) return false
  const { location, defaultView } = doc
  const template = doc.getElementById(LOGIN_SHELL_ID)
  // index.html served for /login itself (a host without per-route HTML) shows the form too, where it is.
  const onLoginPage = location.pathname.replace(/(.)\/+$/, '$1') === '/login'
  const address = mayHaveSession ? null : onLoginPage ? location.pathname + location.search : loginAddressFor(location.pathname, location.search)
  const shown = address !== null && template instanceof HTMLTemplateElement && root.getAttribute(PRERENDERED_ATTRIBUTE) === 'splash'
  if (shown) {
    if (!onLoginPage) defaultView?.history.replaceState(defaultView.history.state, '', address)
    root.replaceChildren(template.content.cloneNode(true))
    root.setAttribute(PRERENDERED_ATTRIBUTE, 'login')
  }
  if (root.getAttribute(PRERENDERED_ATTRIBUTE) !== 'login') return shown
  for (const link of root.querySelectorAll(`a[${CARRIES_QUERY_ATTRIBUTE}]`)) {
    link.setAttribute('href', withQuery(link.getAttribute('href') ?? '', location.search))
  }
  return shown
}
