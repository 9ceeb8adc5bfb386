// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useMockServer } from '../../mocks/testing'
import { renderApp, signInOutsideTheApp } from '../support/render-app'
import { WHOLE_APP_TIMEOUT_MS } from '../support/timeouts'

// Renders the whole app: a named exception to the 5 s test timeout (tests/support/timeouts.ts).
vi.setConfig({ testTimeout: WHOLE_APP_TIMEOUT_MS })

describe('English and Korean', () => {
  useMockServer({ dpop: 'optional' })
  afterEach(() => {
    cleanup()
    localStorage.removeItem('ui-language')
    document.documentElement.lang = 'en'
  })

  it('switches the language, sets <html lang>, and remembers the choice', async () => {
    const { user } = renderApp({ route: '/login' })
    await screen.findByRole('heading', { name: 'Log in' })
    expect(document.documentElement.lang).toBe('en')
    await user.selectOptions(screen.getByLabelText('Language'), 'ko')
    expect(await screen.findByRole('heading', { name: '로그인' })).toBeInTheDocument()
    expect(screen.getByLabelText('이메일')).toBeInTheDocument()
    expect(document.documentElement.lang).toBe('ko')
    expect(document.title).toBe('로그인 · Silent refresh')
    expect(localStorage.getItem('ui-language')).toBe('ko')

    cleanup()
    renderApp({ route: '/login' })
    expect(await screen.findByRole('heading', { name: '로그인' })).toBeInTheDocument()
  })

  it('writes dates and errors in the chosen language', async () => {
    localStorage.setItem('ui-language', 'ko')
    await signInOutsideTheApp()
    renderApp({ route: '/profile' })
    await screen.findByRole('heading', { name: '내 프로필' })
    const since = (await screen.findByText('가입일')).nextElementSibling
    // Name and email show from the token at once; the date comes with GET /api/me.
    await waitFor(() => expect(since?.textContent).toMatch(/\d{4}년 \d{1,2}월 \d{1,2}일/))
  })

  it("re-words what is already on screen when the language changes: the form's errors and the server's answer", async () => {
    const { user } = renderApp({ route: '/login' })
    await user.click(await screen.findByRole('button', { name: 'Log in' }))
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter your email address.')
    await user.type(screen.getByLabelText('Email'), 'demo@example.com')
    await user.type(screen.getByLabelText('Password'), 'wrong-password')
    await user.click(screen.getByRole('button', { name: 'Log in' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('That email and password do not match an account.')

    await user.selectOptions(screen.getByLabelText('Language'), 'ko')

    expect(await screen.findByRole('alert')).toHaveTextContent('이메일 또는 비밀번호가 일치하지 않습니다.')
    expect(screen.queryByText(/do not match an account/)).toBeNull()
  })

  it('checks a form in Korean', async () => {
    localStorage.setItem('ui-language', 'ko')
    const { user } = renderApp({ route: '/login' })
    await user.click(await screen.findByRole('button', { name: '로그인' }))
    expect(screen.getByLabelText('이메일')).toHaveAccessibleDescription('이메일 주소를 입력해 주세요.')
  })
})
