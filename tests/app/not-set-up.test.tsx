// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useMockServer } from '../../mocks/testing'
import { logInWithForm, renderApp, signInOutsideTheApp } from '../support/render-app'
import { WHOLE_APP_TIMEOUT_MS } from '../support/timeouts'

// Renders the whole app: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: WHOLE_APP_TIMEOUT_MS })

/** What `vite preview` without MOCK_SERVER answers: a 404 for a POST, the app's own HTML for a GET. */
const staticServer404 = () => new HttpResponse('<!doctype html><title>Not found</title>', { status: 404, headers: { 'Content-Type': 'text/html' } })
const spaFallback = () => new HttpResponse('<!doctype html><div id="root"></div>', { status: 200, headers: { 'Content-Type': 'text/html' } })

const NOT_SET_UP = "The server's answer was not understood: the app's server is not set up here. Nothing you typed is lost; try again once it is."

describe('a production preview with no API behind /api', () => {
  const { server } = useMockServer({ dpop: 'optional' })
  afterEach(() => {
    cleanup()
    vi.restoreAllMocks()
    localStorage.removeItem('ui-language')
  })

  it('says the server is not set up (not "Something went wrong"), and tells developers the three commands in the console', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    server.use(http.post('*/api/auth/login', staticServer404))
    const { user } = renderApp({ route: '/login' })

    await logInWithForm(user)

    expect(await screen.findByRole('alert')).toHaveTextContent(NOT_SET_UP)
    expect(screen.queryByText(/Something went wrong/)).toBeNull()
    const logged = errors.mock.calls.map((call) => String(call[0])).join('\n')
    expect(logged).toContain("The server's answer was not understood: the API at /api answered 404 (text/html)")
    expect(logged).toContain('`npm run mock:server`, `npm run build`, then `MOCK_SERVER=http://localhost:4000 npm run preview`')
  })

  it('an HTML page where the login answer should be (an SPA fallback) is not set up either, in Korean too', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    localStorage.setItem('ui-language', 'ko')
    server.use(http.post('*/api/auth/login', spaFallback))
    const { user } = renderApp({ route: '/login' })
    await user.type(await screen.findByLabelText('이메일'), 'demo@example.com')
    await user.type(screen.getByLabelText('비밀번호'), 'demo-pass-123')
    await user.click(screen.getByRole('button', { name: '로그인' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('서버의 응답을 이해할 수 없습니다. 이 앱의 서버가 설정되어 있지 않습니다.')
  })

  it('at start-up with a session hint: the splash says the server is not set up', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    await signInOutsideTheApp()
    server.use(http.post('*/api/auth/refresh', staticServer404))
    renderApp({ route: '/profile' })
    expect(await screen.findByRole('alert')).toHaveTextContent(NOT_SET_UP)
  })
})
