// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { loginAddressFor, readyFirstPaint } from '../../src/app/login-shell'

const SPLASH = '<main><div class="splash" role="status">Restoring your session…</div></main>'
const LOGIN = '<main><h1>Log in</h1><p>New here? <a data-carries-query="" href="/signup">Create an account</a> <a href="/">Home</a></p></main>'

/** The page as index.html (the splash, the login form in its template) or login.html brings it, at `address`. */
function page(address: string, shell: 'splash' | 'login' = 'splash', template = true): HTMLElement {
  window.history.replaceState(null, '', address)
  document.body.innerHTML = `<div id="root" data-prerendered="${shell}">${shell === 'splash' ? SPLASH : LOGIN}</div>${template ? `<template id="login-shell">${LOGIN}</template>` : ''}`
  return document.getElementById('root')!
}

const here = () => window.location.pathname + window.location.search
const signupHref = (root: HTMLElement) => root.querySelector('a[data-carries-query]')?.getAttribute('href')

afterEach(() => {
  document.body.innerHTML = ''
  window.history.replaceState(null, '', '/')
})

describe('readyFirstPaint: the HTML made ready for React before the app\'s code arrives', () => {
  it('a visitor without a session on a signed-in page: the login page\'s address and form, its link keeping the query', () => {
    const root = page('/board?view=latest')
    expect(readyFirstPaint(document, false)).toBe(true)
    expect(here()).toBe('/login?returnTo=%2Fboard%3Fview%3Dlatest')
    expect(root.getAttribute('data-prerendered')).toBe('login')
    expect(root.querySelector('h1')?.textContent).toBe('Log in')
    expect(root.querySelector('[role="status"]')).toBeNull()
    expect(signupHref(root)).toBe('/signup?returnTo=%2Fboard%3Fview%3Dlatest')
    // Only the links marked to keep the query.
    expect(root.querySelector('a[href="/"]')).not.toBeNull()
  })

  it('/ goes to the plain login page, as the app\'s redirect does', () => {
    const root = page('/')
    readyFirstPaint(document, false)
    expect(here()).toBe('/login')
    expect(signupHref(root)).toBe('/signup')
  })

  it('index.html served for /login (a host without per-route HTML): the form where it is, the query kept', () => {
    const root = page('/login?returnTo=%2Fprofile')
    readyFirstPaint(document, false)
    expect(here()).toBe('/login?returnTo=%2Fprofile')
    expect(root.getAttribute('data-prerendered')).toBe('login')
    expect(signupHref(root)).toBe('/signup?returnTo=%2Fprofile')
  })

  it('with the session hint the splash stays: the restore is out', () => {
    const root = page('/profile')
    expect(readyFirstPaint(document, true)).toBe(false)
    expect(here()).toBe('/profile')
    expect(root.getAttribute('data-prerendered')).toBe('splash')
    expect(root.querySelector('[role="status"]')).not.toBeNull()
  })

  it('a page that is not a signed-in one, or HTML without the template, is left as it is', () => {
    let root = page('/nowhere')
    expect(readyFirstPaint(document, false)).toBe(false)
    expect(here()).toBe('/nowhere')
    expect(root.getAttribute('data-prerendered')).toBe('splash')

    root = page('/board', 'splash', false)
    readyFirstPaint(document, false)
    expect(here()).toBe('/board')
    expect(root.querySelector('[role="status"]')).not.toBeNull()
  })

  it('login.html opened with a query: the link keeps it, written as react-router writes it', () => {
    const root = page('/login?returnTo=%2Fprofile&x=a+b', 'login', false)
    expect(readyFirstPaint(document, false)).toBe(false) // login.html: nothing to show, only the link to write
    expect(here()).toBe('/login?returnTo=%2Fprofile&x=a+b')
    expect(signupHref(root)).toBe('/signup?returnTo=%2Fprofile&x=a+b')
    page('/login', 'login', false)
    readyFirstPaint(document, false)
    expect(signupHref(document.getElementById('root')!)).toBe('/signup')
  })
})

describe('loginAddressFor', () => {
  it('the login page for the signed-in pages (a trailing slash kept as the router keeps it), null elsewhere', () => {
    expect(loginAddressFor('/profile', '')).toBe('/login?returnTo=%2Fprofile')
    expect(loginAddressFor('/board/', '?a=1')).toBe('/login?returnTo=%2Fboard%2F%3Fa%3D1')
    expect(loginAddressFor('/', '?a=1')).toBe('/login')
    expect(loginAddressFor('/login', '')).toBeNull()
    expect(loginAddressFor('/signup', '')).toBeNull()
  })
})
