// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_USER } from '../../mocks'
import { useMockServer } from '../../mocks/testing'
import { renderApp, signInOutsideTheApp } from '../support/render-app'

const MINUTE = 60_000

async function openProfile() {
  await signInOutsideTheApp()
  const app = renderApp({ route: '/profile' })
  await screen.findByRole('heading', { name: 'Change password' })
  await within(await screen.findByRole('table', { name: 'Devices signed in to your account' })).findByText('This device', { exact: false })
  return app
}

describe('step-up: "Confirm it\'s you" on the profile page', () => {
  const { mockControl } = useMockServer({ dpop: 'optional' })
  afterEach(() => {
    cleanup()
    localStorage.removeItem('ui-language')
    document.documentElement.lang = 'en'
  })

  it('after 10 idle minutes, changing the password raises one dialog; the right password completes it with no second click', async () => {
    const { user } = await openProfile()
    await mockControl.advanceClock(10 * MINUTE)
    await user.type(screen.getByLabelText('New password'), 'a-brand-new-pass')
    await user.click(screen.getByRole('button', { name: 'Change password' }))

    const dialog = await screen.findByRole('dialog', { name: "Confirm it's you" })
    const password = within(dialog).getByLabelText('Password')
    await waitFor(() => expect(password).toHaveFocus())
    // The page behind is inert.
    expect(screen.getByRole('heading', { name: 'Change password' }).closest('[inert]')).not.toBeNull()

    await user.type(password, 'wrong-password')
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('That password is not right')
    expect(screen.getByLabelText('New password')).toHaveValue('a-brand-new-pass')

    await user.type(within(dialog).getByLabelText('Password'), DEMO_USER.password)
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))
    expect(await screen.findByText('Your password is changed.')).toBeInTheDocument()
    expect(screen.queryByRole('dialog')).toBeNull()
    const stats = await mockControl.stats()
    expect(stats.requestsByEndpoint.password).toBe(2)
    expect(stats.reauthentications).toBe(1)
  })

  it('two sensitive actions at once raise one dialog; Escape cancels both and keeps what was typed', async () => {
    // Another device of the same account (its own host, so its own cookie jar).
    await fetch('http://phone.localhost/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: DEMO_USER.email, password: DEMO_USER.password }),
    })
    const { user } = await openProfile()
    const signOutOthers = await screen.findByRole('button', { name: 'Sign out all other devices' })
    await mockControl.advanceClock(10 * MINUTE)
    await user.type(screen.getByLabelText('New password'), 'a-brand-new-pass')
    // Both at once, before either answer comes back.
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }))
    fireEvent.click(signOutOthers)
    await screen.findByRole('dialog', { name: "Confirm it's you" })
    await waitFor(async () => expect((await mockControl.stats()).stepUpChallenges).toBe(2))
    expect(screen.getAllByRole('dialog')).toHaveLength(1)

    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(await screen.findByText(/Your password was not changed/)).toBeInTheDocument()
    expect(screen.getByLabelText('New password')).toHaveValue('a-brand-new-pass')
    expect((await mockControl.stats()).requestsByEndpoint.password).toBe(1)
  })
  it('speaks Korean: 본인 확인, and the change completes after 확인', async () => {
    localStorage.setItem('ui-language', 'ko')
    await signInOutsideTheApp()
    const { user } = renderApp({ route: '/profile' })
    await screen.findByRole('heading', { name: '비밀번호 변경' })
    await mockControl.advanceClock(10 * MINUTE)
    await user.type(screen.getByLabelText('새 비밀번호'), 'a-brand-new-pass')
    await user.click(screen.getByRole('button', { name: '비밀번호 변경' }))
    const dialog = await screen.findByRole('dialog', { name: '본인 확인' })
    await user.type(within(dialog).getByLabelText('비밀번호'), DEMO_USER.password)
    await user.click(within(dialog).getByRole('button', { name: '확인' }))
    expect(await screen.findByText('비밀번호가 변경되었습니다.')).toBeInTheDocument()
  })
})
