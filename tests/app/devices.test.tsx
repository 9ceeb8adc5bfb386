// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_USER } from '../../mocks'
import { useMockServer } from '../../mocks/testing'
import { renderApp, signInOutsideTheApp } from '../support/render-app'

const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0'

/**
 * Another device of the demo user: a login from its own host (MSW keeps one cookie jar per host, so its refresh
 * cookie never mixes with the app's) with its own User-Agent. `get` makes a request with its access token.
 */
async function otherDevice(name: string, userAgent: string) {
  const origin = `http://${name}.localhost`
  const response = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': userAgent },
    body: JSON.stringify({ email: DEMO_USER.email, password: DEMO_USER.password }),
  })
  const { accessToken } = (await response.json()) as { accessToken: string }
  return {
    get: (path: string) => fetch(`${origin}${path}`, { headers: { Authorization: `Bearer ${accessToken}` } }).then((r) => r.status),
    logout: () => fetch(`${origin}/api/auth/logout`, { method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest' } }),
    accessToken,
  }
}

async function openDevices() {
  await signInOutsideTheApp()
  const app = renderApp({ route: '/profile' })
  const table = await screen.findByRole('table', { name: 'Devices signed in to your account' })
  await within(table).findByText('This device', { exact: false })
  return { ...app, table }
}

const rowHeaders = () => within(screen.getByRole('table', { name: 'Devices signed in to your account' })).getAllByRole('rowheader').map((cell) => cell.textContent)

describe('signed-in devices on the profile page', () => {
  const { mockControl, server } = useMockServer({ dpop: 'optional' })
  afterEach(() => {
    cleanup()
    localStorage.removeItem('ui-language')
    document.documentElement.lang = 'en'
  })

  it('lists this device first and each other login by browser, with column headers; "Sign out <device>" ends that login only', async () => {
    const phone = await otherDevice('phone', SAFARI_IPHONE)
    const laptop = await otherDevice('laptop', FIREFOX_WINDOWS)
    const { user, table } = await openDevices()
    expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['Device', 'Signed in', 'Last used', 'Action'])
    await waitFor(() => expect(rowHeaders()).toHaveLength(3))
    expect(rowHeaders()[0]).toMatch(/This device$/)
    expect(rowHeaders().slice(1).sort()).toEqual(['Firefox on Windows', 'Safari on iPhone'])
    const named = screen.getAllByRole('button', { name: /^Sign out .* \(signed in .+\)$/ })
    expect(named.map((b) => b.getAttribute('aria-label')!.replace(/ \(.*/, '')).sort()).toEqual([
      'Sign out Firefox on Windows',
      'Sign out Safari on iPhone',
    ])

    await user.click(screen.getByRole('button', { name: /^Sign out Safari on iPhone \(signed in / }))

    expect(await screen.findByText('Safari on iPhone is signed out.')).toBeInTheDocument()
    expect(rowHeaders()).toHaveLength(2)
    expect(screen.getByRole('heading', { name: 'Signed-in devices' })).toHaveFocus()
    expect(await phone.get('/api/me')).toBe(401)
    expect(await laptop.get('/api/me')).toBe(200)
    expect(await mockControl.stats()).toMatchObject({ familiesRevoked: 1 })
  })

  it('"Sign out all other devices" ends every other login and says how many; this one goes on', async () => {
    const phone = await otherDevice('phone', SAFARI_IPHONE)
    const laptop = await otherDevice('laptop', FIREFOX_WINDOWS)
    const { user } = await openDevices()
    await waitFor(() => expect(rowHeaders()).toHaveLength(3))

    await user.click(screen.getByRole('button', { name: 'Sign out all other devices' }))

    expect(await screen.findByText('2 other devices are signed out.')).toBeInTheDocument()
    expect(rowHeaders()).toEqual([expect.stringMatching(/This device$/)])
    expect(screen.queryByRole('button', { name: 'Sign out all other devices' })).not.toBeInTheDocument()
    expect([await phone.get('/api/posts'), await laptop.get('/api/posts')]).toEqual([401, 401])
    expect(await mockControl.stats()).toMatchObject({ familiesRevoked: 2 })
    // This device is still signed in: its own requests go on.
    await user.click(screen.getByRole('link', { name: 'Board' }))
    expect(await screen.findByRole('heading', { name: 'Board', level: 1 })).toBeInTheDocument()
  })

  it('a device that signed out meanwhile: "already signed out", its row goes, nothing else ends', async () => {
    const phone = await otherDevice('phone', SAFARI_IPHONE)
    const laptop = await otherDevice('laptop', FIREFOX_WINDOWS)
    const { user } = await openDevices()
    await waitFor(() => expect(rowHeaders()).toHaveLength(3))
    await phone.logout()
    const revokedBefore = (await mockControl.stats()).familiesRevoked

    await user.click(screen.getByRole('button', { name: /^Sign out Safari on iPhone/ }))

    expect(await screen.findByText('That device was already signed out.')).toBeInTheDocument()
    expect(rowHeaders()).toHaveLength(2)
    expect(await laptop.get('/api/me')).toBe(200)
    expect((await mockControl.stats()).familiesRevoked).toBe(revokedBefore)
  })

  it('says while it loads, says when the list could not be loaded, and loads it again on Retry', async () => {
    let answer!: () => void
    const held = new Promise<void>((resolve) => (answer = resolve))
    server.use(
      http.get('*/api/auth/sessions', async () => {
        await held
        return HttpResponse.json({ error: 'internal_error', message: 'down' }, { status: 500 })
      }, { once: true }),
    )
    await signInOutsideTheApp()
    const { user } = renderApp({ route: '/profile' })
    expect(await screen.findByText('Loading your devices…')).toBeInTheDocument()
    answer()
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(/server/i)
    await user.click(within(alert).getByRole('button', { name: 'Retry' }))
    expect(await screen.findByRole('table', { name: 'Devices signed in to your account' })).toBeInTheDocument()
    expect(screen.getByText('No other device is signed in.')).toBeInTheDocument()
  })

  it('in Korean: the table, the device names and the buttons', async () => {
    localStorage.setItem('ui-language', 'ko')
    await otherDevice('phone', SAFARI_IPHONE)
    await signInOutsideTheApp()
    const { user } = renderApp({ route: '/profile' })
    const table = await screen.findByRole('table', { name: '내 계정에 로그인된 기기' })
    await waitFor(() => expect(within(table).getAllByRole('rowheader')).toHaveLength(2))
    expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['기기', '로그인한 시각', '마지막 사용', '작업'])
    await user.click(screen.getByRole('button', { name: /^iPhone의 Safari 로그아웃 \(.+에 로그인\)$/ }))
    expect(await screen.findByText('iPhone의 Safari에서 로그아웃했습니다.')).toBeInTheDocument()
    expect(within(table).getAllByRole('rowheader')).toEqual([expect.objectContaining({ textContent: expect.stringMatching(/이 기기$/) })])
  })
})

describe('a login ended from another device', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })
  afterEach(cleanup)

  it('its next request lands on the login page with the session-ended message at once', async () => {
    const laptop = await otherDevice('laptop', FIREFOX_WINDOWS)
    await signInOutsideTheApp()
    const { user, path } = renderApp({ route: '/profile' })
    await screen.findByRole('table', { name: 'Devices signed in to your account' })
    // The laptop signs every other device out: this app's login among them.
    const ended = await fetch('http://laptop.localhost/api/auth/sessions/sign-out-others', { method: 'POST', headers: { Authorization: `Bearer ${laptop.accessToken}` } })
    expect(await ended.json()).toEqual({ signedOut: 1 })

    await user.click(screen.getByRole('link', { name: 'Board' }))

    expect(await screen.findByText('Your session has ended — please log in again')).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'Log in', level: 1 })).toBeInTheDocument()
    expect(path()).toMatch(/^\/login/)
    // One refresh tried (and refused): the access token died with its login.
    expect(await mockControl.stats()).toMatchObject({ familiesRevoked: 1 })
  })
})
