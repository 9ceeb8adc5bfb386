import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { useAuthActions } from '../lib/auth'
import { useI18n } from '../i18n'

export function LogoutButton() {
  const { logout } = useAuthActions()
  const navigate = useNavigate()
  const [pending, setPending] = useState(false)
  const { t } = useI18n()

  async function handleClick() {
    setPending(true)
    try {
      await logout()
    } finally {
      navigate('/login', { replace: true })
    }
  }

  return (
    <button type="button" onClick={pending ? undefined : handleClick} aria-disabled={pending || undefined}>
      {pending ? t.layout.loggingOut : t.layout.logOut}
    </button>
  )
}
